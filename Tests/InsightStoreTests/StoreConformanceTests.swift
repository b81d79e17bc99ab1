import Foundation
import InsightCore
import InsightStore
import InsightTestSupport
import Testing

/// One suite that every store backend must pass, run on SQLite and on PostgreSQL.
@Suite("Store conformance")
struct StoreConformanceTests {
    @Test("a gateway reads back as written, and only within its customer", arguments: TestDatabase.allCases)
    func roundTrip(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            var gateway = makeGateway("Gerät Ω ../x \"1\"", in: customer)
            gateway.model = "M1"
            try await store.insert([gateway])
            #expect(try await store.gateway(id: gateway.id, customerID: customer.id) == gateway)
            #expect(try await store.gateway(id: gateway.id, customerID: UUID().uuidString) == nil)
            #expect(try await store.gateway(id: UUID(), customerID: customer.id) == nil)
        }
    }

    @Test("gateways are looked up many at a time by id and by name, only within their customer", arguments: TestDatabase.allCases)
    func batchLookups(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let other = Customer(id: UUID().uuidString.lowercased(), name: "Other", created: Timestamp(Date()))
            try await store.insert(other)
            let mine = (0..<300).map { makeGateway("GW-\($0) ü'\"", in: customer) }
            let foreign = makeGateway("GW-0 ü'\"", in: other)
            try await store.insert(mine)
            try await store.insert([foreign])

            let byID = try await store.gateways(ids: mine.map(\.id) + [foreign.id, UUID()], customerID: customer.id)
            #expect(byID.count == mine.count)
            #expect(mine.allSatisfy { byID[$0.id] == $0 })
            let byName = try await store.gateways(named: mine.map(\.name) + ["missing"], customerID: customer.id)
            #expect(Set(byName.map(\.id)) == Set(mine.map(\.id)))
            #expect(try await store.gateways(named: ["GW-0 ü'\""], customerID: other.id) == [foreign])
            // Names are compared byte for byte: "Café" composed (NFC) and decomposed (NFD) are two gateways.
            let composed = makeGateway("Caf\u{E9}", in: customer), decomposed = makeGateway("Cafe\u{301}", in: customer)
            try await store.insert([composed, decomposed])
            #expect(try await store.gateways(named: ["Cafe\u{301}"], customerID: customer.id).map(\.id) == [decomposed.id])
            #expect(try await store.gateways(ids: [], customerID: customer.id).isEmpty)
        }
    }

    @Test("an insert with a taken name inserts nothing", arguments: TestDatabase.allCases)
    func insertIsAtomic(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            try await store.insert([makeGateway("GW-1", in: customer)])
            let batch = [makeGateway("GW-2", in: customer), makeGateway("GW-1", in: customer), makeGateway("GW-3", in: customer)]
            let error = await #expect(throws: InsightError.self) { try await store.insert(batch) }
            #expect(error?.kind == .conflict)
            #expect(error?.details.contains("GW-1") == true)
            let all = try await store.gateways(customerID: customer.id, page: PageRequest(limit: 500, nextToken: nil))
            #expect(all.items.map(\.name) == ["GW-1"])
        }
    }

    @Test("the same name may exist in two customers", arguments: TestDatabase.allCases)
    func namesAreUniquePerCustomer(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let other = Customer(id: UUID().uuidString.lowercased(), name: "Other", created: Timestamp(Date()))
            try await store.insert(other)
            try await store.insert([makeGateway("Shared", in: customer)])
            try await store.insert([makeGateway("Shared", in: other)])
            let page = try await store.gateways(customerID: other.id, page: PageRequest(limit: 10, nextToken: nil))
            #expect(page.items.count == 1)
        }
    }

    @Test("paging returns every gateway once, also while gateways are added", arguments: TestDatabase.allCases)
    func pagingIsStable(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            // Many gateways share a `created` value, as a bulk-create makes them: ties break on id.
            let original = (0..<1203).map { makeGateway("GW-\($0)", in: customer, created: 1_700_000_000_000 + Int64($0 / 400)) }
            for chunk in stride(from: 0, to: original.count, by: 500) {
                try await store.insert(Array(original[chunk..<min(chunk + 500, original.count)]))
            }
            var seen: [UUID] = []
            var next: String?
            var pages = 0
            repeat {
                let page = try await store.gateways(customerID: customer.id, page: PageRequest(limit: 500, nextToken: next))
                seen += page.items.map(\.id)
                next = page.next?.token
                pages += 1
                if pages == 1 {
                    try await store.insert([makeGateway("Added-late", in: customer, created: 1_800_000_000_000)])
                }
            } while next != nil
            #expect(pages == 3)
            #expect(Set(seen).count == seen.count, "no gateway appears twice")
            #expect(Set(original.map(\.id)).isSubset(of: Set(seen)), "no gateway is skipped")
            #expect(seen.count == original.count + 1, "the gateway added while paging appears at the end")
        }
    }

    @Test("an update based on an old version is refused", arguments: TestDatabase.allCases)
    func optimisticConcurrency(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let stored = makeGateway("GW-1", in: customer)
            try await store.insert([stored, makeGateway("GW-2", in: customer)])
            var first = stored
            first.station = "Station9"
            first.version += 1
            try await store.update(first)

            var stale = stored
            stale.usecase = "Packing"
            stale.version += 1
            let conflict = await #expect(throws: InsightError.self) { try await store.update(stale) }
            #expect(conflict?.kind == .conflict)

            var renamed = first
            renamed.name = "GW-2"
            renamed.version += 1
            let taken = await #expect(throws: InsightError.self) { try await store.update(renamed) }
            #expect(taken?.kind == .conflict)

            #expect(try await store.gateway(id: stored.id, customerID: customer.id) == first)
        }
    }

    @Test("concurrent inserts of one name: exactly one wins", arguments: TestDatabase.allCases)
    func concurrentInsertsOfOneName(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask { (try? await store.insert([makeGateway("Contested", in: customer)])) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let page = try await store.gateways(customerID: customer.id, page: PageRequest(limit: 10, nextToken: nil))
            #expect(page.items.count == 1)
        }
    }

    @Test("users are unique by email within a customer", arguments: TestDatabase.allCases)
    func users(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let now = Timestamp(Date())
            let user = User(id: UUID().uuidString, customerID: customer.id, email: "a@example.com", roles: [.admin, .user], created: now, lastUpdated: now)
            try await store.insert(user)
            #expect(try await store.user(email: "a@example.com", customerID: customer.id) == user)
            #expect(try await store.user(id: user.id, customerID: customer.id) == user)
            #expect(try await store.user(id: user.id, customerID: "someone-else") == nil)
            let duplicate = User(id: UUID().uuidString, customerID: customer.id, email: "a@example.com", roles: [.user], created: now, lastUpdated: now)
            let error = await #expect(throws: InsightError.self) { try await store.insert(duplicate) }
            #expect(error?.kind == .conflict)
            #expect(try await store.customer(id: customer.id) == customer)
        }
    }

    @Test("migrating twice changes nothing", arguments: TestDatabase.allCases)
    func migrationIsIdempotent(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            try await store.insert([makeGateway("Kept", in: customer)])
            try await store.migrate()
            let page = try await store.gateways(customerID: customer.id, page: PageRequest(limit: 10, nextToken: nil))
            #expect(page.items.map(\.name) == ["Kept"])
        }
    }
}
