import Foundation
import InsightCore
import InsightStore
import InsightTestSupport
import Testing

/// The store's column-by-column row reading: events come back as stored, and a job analysis's
/// scans are picked out by the database exactly as `JobAnalyzer` compares prefixes.
@Suite("Event reads")
struct EventReadTests {
    @Test("every field of an event survives the round trip, NULLs included", arguments: TestDatabase.allCases)
    func roundTrip(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let gateway = makeGateway("G", in: customer)
            try await store.insert([gateway], idempotency: nil)
            let full = Event(
                id: UUID(), customerID: customer.id, created: Timestamp(rawValue: 1_750_000_000_000), gatewayID: gateway.id,
                scanCode: "Склад \"7\"", scanDuration: 2.0, scanDecodeSymbology: "QR_CODE", deviceID: "M2MR1", deviceBattery: 87,
                deviceFirmware: "1.4.2", deviceTemperature: -3.25, gatewayUsecase: "Picking", gatewayStation: "S1", metricsWorkerSteps: 12
            )
            let bare = Event(id: UUID(), customerID: customer.id, created: Timestamp(rawValue: 1_750_000_000_001), gatewayID: gateway.id)
            _ = try await store.insertEvents([full, bare], at: Timestamp(rawValue: 1_750_000_001_000))
            let query = EventQuery(start: Timestamp(rawValue: 0), end: Timestamp(rawValue: 1_800_000_000_000))
            let page = try await store.events(customerID: customer.id, query: query, after: nil, limit: 10)
            #expect(page.items == [full, bare])
            #expect(page.next == nil)
            let gateways = try await store.gateways(customerID: customer.id, page: try PageRequest(limit: 10, after: nil))
            #expect(gateways.items.map(\.id) == [gateway.id])
            #expect(gateways.items.first?.lastMessageAt == Timestamp(rawValue: 1_750_000_000_001))
        }
    }

    @Test("settling the events table after a bulk load (VACUUM on PostgreSQL, outside any transaction) leaves every event as it was",
          arguments: TestDatabase.allCases)
    func settleAfterBulkLoad(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let gateway = makeGateway("G", in: customer)
            try await store.insert([gateway], idempotency: nil)
            let events = (0..<20).map { Event(id: UUID(), customerID: customer.id, created: Timestamp(rawValue: 1_750_000_000_000 + Int64($0)), gatewayID: gateway.id) }
            _ = try await store.insertEvents(events, at: Timestamp(rawValue: 1_750_000_001_000))
            try await store.settleEventsAfterBulkLoad()
            let query = EventQuery(start: Timestamp(rawValue: 0), end: Timestamp(rawValue: 1_800_000_000_000))
            #expect(try await store.events(customerID: customer.id, query: query, after: nil, limit: 50).items == events)
        }
    }

    @Test("scans for an analysis: the gateway's, in the range, beginning with a prefix code point by code point, paged without gaps",
          arguments: TestDatabase.allCases)
    func scans(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let gateway = makeGateway("G", in: customer), other = makeGateway("H", in: customer)
            try await store.insert([gateway, other], idempotency: nil)
            let codes: [String?] = ["\u{E9}TAPE-1", "e\u{301}TAPE-2", "ITEM", nil, "Ω-END", "\u{E9}TAPE", "x\u{E9}TAPE", "Ω", "\u{E9}TAP"]
            let base: Int64 = 1_750_000_000_000
            // Two events share each millisecond, so pages also break between equal times.
            let events = codes.enumerated().map { index, code in
                Event(id: UUID(), customerID: customer.id, created: Timestamp(rawValue: base + Int64(index / 2)), gatewayID: gateway.id, scanCode: code)
            } + [Event(id: UUID(), customerID: customer.id, created: Timestamp(rawValue: base), gatewayID: other.id, scanCode: "\u{E9}TAPE-H")]
            _ = try await store.insertEvents(events, at: Timestamp(rawValue: base + 1_000))
            let prefixes = ["\u{E9}TAPE", "Ω"]
            let expected = events.filter { event in
                event.gatewayID == gateway.id && event.created.rawValue <= base + 3
                    && prefixes.contains { JobAnalyzer.code(event.scanCode ?? "", beginsWith: $0) } && event.scanCode != nil
            }.sorted { ($0.created, $0.id.lowercasedString) < ($1.created, $1.id.lowercasedString) }
            #expect(Set(expected.compactMap(\.scanCode)) == ["\u{E9}TAPE-1", "Ω-END", "\u{E9}TAPE", "Ω"], "the fixture covers what it means to")

            var read: [JobAnalyzer.Scan] = []
            try await Page.forEach({ cursor in
                try await store.scans(
                    customerID: customer.id, gatewayID: gateway.id, in: Timestamp(rawValue: base)...Timestamp(rawValue: base + 3),
                    codePrefixes: prefixes, after: cursor, limit: 1
                )
            }) { read += $0 }
            #expect(read == expected.map { JobAnalyzer.Scan(eventID: $0.id.lowercasedString, time: $0.created, code: $0.scanCode ?? "") })
        }
    }
}
