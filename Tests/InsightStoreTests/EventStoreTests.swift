import Foundation
import InsightCore
import InsightStore
import InsightTestSupport
import Testing

/// The event store on both engines: stored once per id, paged without gaps or repeats, and the
/// devices and gateways it keeps current.
@Suite("Event store")
struct EventStoreTests {
    static let base: Int64 = 1_700_000_000_000
    static let everything = EventQuery(start: Timestamp(rawValue: 0), end: Timestamp(rawValue: Int64.max))

    @Test("a repeated id is stored once, and reported as not stored; ids are per customer", arguments: TestDatabase.allCases)
    func duplicates(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let gateway = makeGateway("GW", in: customer)
            try await store.insert([gateway])
            let first = (0..<3).map { scan(in: customer, gateway: gateway, at: Self.base + Int64($0)) }
            #expect(try await store.insertEvents(first, at: Timestamp(Date())) == Set(first.map(\.id)))

            let later = scan(in: customer, gateway: gateway, at: Self.base + 10)
            var changed = first[1]
            changed.scanCode = "changed"
            #expect(try await store.insertEvents([changed, later], at: Timestamp(Date())) == [later.id])
            let stored = try await store.events(customerID: customer.id, query: Self.everything, after: nil, limit: 10).items
            #expect(stored.map(\.id) == first.map(\.id) + [later.id])
            #expect(stored[1] == first[1], "the first copy stays")

            let other = Customer(id: UUID().uuidString.lowercased(), name: "Other", created: Timestamp(Date()))
            try await store.insert(other)
            let otherGateway = makeGateway("GW", in: other)
            try await store.insert([otherGateway])
            let sameID = Event(id: first[0].id, customerID: other.id, created: Timestamp(rawValue: Self.base), gatewayID: otherGateway.id)
            #expect(try await store.insertEvents([sameID], at: Timestamp(Date())) == [sameID.id], "another customer's id does not collide")
        }
    }

    @Test("concurrent batches sharing ids store each event exactly once, and each id is reported stored by one of them", arguments: TestDatabase.allCases)
    func concurrentDuplicates(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let gateway = makeGateway("GW", in: customer)
            try await store.insert([gateway])
            let events = (0..<600).map { scan(in: customer, gateway: gateway, at: Self.base + Int64($0)) }
            // Four batches, each overlapping the next by half, sent at once.
            let batches = (0..<4).map { Array(events[($0 * 150)..<min($0 * 150 + 300, events.count)]) }
            let reported = try await withThrowingTaskGroup(of: Set<UUID>.self) { group in
                for batch in batches { group.addTask { try await store.insertEvents(batch.shuffled(), at: Timestamp(Date())) } }
                return try await group.reduce(into: [Set<UUID>]()) { $0.append($1) }
            }
            #expect(reported.map(\.count).reduce(0, +) == events.count, "each id reported stored exactly once")
            #expect(reported.reduce(into: Set<UUID>()) { $0.formUnion($1) } == Set(events.map(\.id)))
            let stored = try await store.events(customerID: customer.id, query: Self.everything, after: nil, limit: 1000).items
            #expect(stored.count == events.count)
        }
    }

    @Test("paging returns every event once in (created, id) order, also while events arrive", arguments: TestDatabase.allCases)
    func pagingWhileEventsArrive(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let gateways = [makeGateway("GW-1", in: customer), makeGateway("GW-2", in: customer)]
            try await store.insert(gateways)
            // Many events share a millisecond, as a busy gateway sends them: ties break on id.
            let original = (0..<1203).map { scan(in: customer, gateway: gateways[$0 % 2], at: Self.base + Int64($0 / 100)) }
            _ = try await store.insertEvents(original, at: Timestamp(Date()))
            var seen: [Event] = []
            var cursor: PageCursor?
            var arrived: [Event] = []
            repeat {
                let page = try await store.events(customerID: customer.id, query: Self.everything, after: cursor, limit: 500)
                seen += page.items
                cursor = page.next
                // Arrivals while a client pages: one in the page just read's last millisecond, one later.
                let now = [scan(in: customer, gateway: gateways[0], at: seen.last?.created.rawValue ?? Self.base),
                           scan(in: customer, gateway: gateways[1], at: Self.base + 1_000)]
                if arrived.count < 4 { arrived += now; _ = try await store.insertEvents(now, at: Timestamp(Date())) }
            } while cursor != nil
            #expect(Set(seen.map(\.id)).count == seen.count, "no event appears twice")
            #expect(Set(original.map(\.id)).isSubset(of: Set(seen.map(\.id))), "no stored event is skipped")
            #expect(seen.map(\.id) == Self.listingOrder(seen), "ordered by created, then id")
            #expect(arrived.filter { $0.created.rawValue == Self.base + 1_000 }.allSatisfy { event in seen.contains { $0.id == event.id } },
                    "events arriving after the cursor are read")

            let oneGateway = EventQuery(start: Timestamp(rawValue: Self.base), end: Timestamp(rawValue: Self.base + 5), gatewayID: gateways[1].id)
            var fromGateway: [Event] = []
            cursor = nil
            repeat {
                let page = try await store.events(customerID: customer.id, query: oneGateway, after: cursor, limit: 100)
                fromGateway += page.items
                cursor = page.next
            } while cursor != nil
            let expected = original.filter { $0.gatewayID == gateways[1].id && $0.created.rawValue <= Self.base + 5 }
            #expect(fromGateway.map(\.id) == Self.listingOrder(expected))

            var batches: [Int] = []
            try await store.forEachEventBatch(customerID: customer.id, query: Self.everything, batchSize: 700) { batches.append($0.count) }
            #expect(batches == [700, 507], "1203 + 4 arrivals, read in batches")
            let other = try await store.events(customerID: UUID().uuidString, query: Self.everything, after: nil, limit: 10)
            #expect(other.items.isEmpty)
        }
    }

    @Test("a device keeps its newest event's data; an older event arriving late changes nothing", arguments: TestDatabase.allCases)
    func devicesKeepNewest(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let gateway = makeGateway("GW", in: customer)
            try await store.insert([gateway])
            func reading(_ offset: Int64, battery: Int?, firmware: String?) -> Event {
                var event = scan(in: customer, gateway: gateway, at: Self.base + offset)
                event.deviceID = "M2MR141204452"
                event.deviceBattery = battery
                event.deviceFirmware = firmware
                return event
            }
            _ = try await store.insertEvents([reading(100, battery: 80, firmware: "1.0"), reading(50, battery: 90, firmware: "0.9")], at: Timestamp(Date()))
            var device = try #require(try await store.device(id: "M2MR141204452", customerID: customer.id))
            #expect(device.battery == 80 && device.firmware == "1.0" && device.lastActivityTime.rawValue == Self.base + 100)
            #expect(device.created.rawValue == Self.base + 50 && device.status == .active)

            _ = try await store.insertEvents([reading(10, battery: 5, firmware: "0.1")], at: Timestamp(Date()))
            device = try #require(try await store.device(id: "M2MR141204452", customerID: customer.id))
            #expect(device.battery == 80 && device.firmware == "1.0" && device.lastActivityTime.rawValue == Self.base + 100, "late and older: ignored")
            #expect(device.created.rawValue == Self.base + 50, "created is the first event received")

            _ = try await store.insertEvents([reading(200, battery: nil, firmware: "2.0")], at: Timestamp(Date()))
            device = try #require(try await store.device(id: "M2MR141204452", customerID: customer.id))
            #expect(device.battery == 80, "a field the newest event lacks keeps its value")
            #expect(device.firmware == "2.0" && device.lastActivityTime.rawValue == Self.base + 200)

            let inactive = try await store.setStatus(.inactive, deviceID: "M2MR141204452", customerID: customer.id, at: Timestamp(rawValue: Self.base + 300))
            #expect(inactive?.status == .inactive && inactive?.lastUpdated.rawValue == Self.base + 300)
            #expect(try await store.setStatus(.inactive, deviceID: "M2MR141204452", customerID: UUID().uuidString, at: Timestamp(Date())) == nil)
        }
    }

    @Test("a gateway's last message time moves forward only, never beyond the time of arrival", arguments: TestDatabase.allCases)
    func lastMessage(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let gateway = makeGateway("GW", in: customer)
            try await store.insert([gateway])
            let now = Timestamp(rawValue: Self.base + 1_000)
            _ = try await store.insertEvents([scan(in: customer, gateway: gateway, at: Self.base + 500)], at: now)
            #expect(try await store.gateway(id: gateway.id, customerID: customer.id)?.lastMessageAt?.rawValue == Self.base + 500)
            _ = try await store.insertEvents([scan(in: customer, gateway: gateway, at: Self.base + 100)], at: now)
            #expect(try await store.gateway(id: gateway.id, customerID: customer.id)?.lastMessageAt?.rawValue == Self.base + 500)
            _ = try await store.insertEvents([scan(in: customer, gateway: gateway, at: Self.base + 9_000)], at: now)
            let stored = try #require(try await store.gateway(id: gateway.id, customerID: customer.id))
            #expect(stored.lastMessageAt == now, "an event from the future counts as arrived now")
            #expect(stored.version == gateway.version, "ingest does not touch the gateway's version")

            var renamed = stored
            renamed.name = "GW-renamed"
            renamed.version += 1
            try await store.update(renamed)
            #expect(try await store.gateway(id: gateway.id, customerID: customer.id)?.lastMessageAt == now, "an update keeps the last message time")
        }
    }

    /// The ids of `events` in the listings' order: by `created`, then by id as stored (lower case).
    private static func listingOrder(_ events: [Event]) -> [UUID] {
        let keyed = events.map { (created: $0.created, id: $0.id.uuidString.lowercased(), uuid: $0.id) }
        return keyed.sorted { $0.created == $1.created ? $0.id < $1.id : $0.created < $1.created }.map(\.uuid)
    }

    private func scan(in customer: Customer, gateway: Gateway, at millis: Int64) -> Event {
        Event(id: UUID(), customerID: customer.id, created: Timestamp(rawValue: millis), gatewayID: gateway.id, scanCode: "1234567890", deviceID: nil)
    }
}
