import Foundation
import InsightCore
@testable import InsightStore
import SQLKit
import InsightTestSupport
import Testing

/// What the console needs of the store, on both engines: single-use login links and the
/// gateway search.
@Suite("Console store")
struct ConsoleStoreTests {
    @Test("a login link redeems once, before it expires, for exactly one of concurrent redeemers", arguments: TestDatabase.allCases)
    func loginLinksAreSingleUse(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let now = Timestamp(rawValue: 1_800_000_000_000)
            let hash = ProvisioningToken.generate().hash
            try await store.insertLoginLink(hash: hash, userID: "u-1", customerID: customer.id, expiresAt: Timestamp(rawValue: now.rawValue + 1000))
            let outcomes = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<4 { group.addTask { try? await store.redeemLoginLink(hash: hash, at: now)?.userID } }
                return await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(outcomes.compactMap { $0 } == ["u-1"])

            let late = ProvisioningToken.generate().hash
            try await store.insertLoginLink(hash: late, userID: "u-2", customerID: customer.id, expiresAt: now)
            #expect(try await store.redeemLoginLink(hash: late, at: now) == nil, "expired at its expiry time")
            #expect(try await store.redeemLoginLink(hash: ProvisioningToken.generate().hash, at: now) == nil, "unknown")

            // Links long expired go when a new one is made; recent ones stay.
            let tomorrow = Timestamp(rawValue: now.rawValue + 86_400_000 + 2000)
            let recent = ProvisioningToken.generate().hash
            try await store.insertLoginLink(hash: recent, userID: "u-3", customerID: customer.id, expiresAt: Timestamp(rawValue: now.rawValue + 5000))
            try await store.insertLoginLink(hash: ProvisioningToken.generate().hash, userID: "u-4", customerID: customer.id, expiresAt: tomorrow)
            let left = try await store.backend.withConnection { db in
                try await db.select().column("user_id").from("login_links").where("customer_id", .equal, customer.id).all(decodingColumn: "user_id", as: String.self)
            }
            #expect(Set(left) == ["u-3", "u-4"], "\(left)")
        }
    }

    @Test("the gateway search filters by name part, station, use case and status, and pages", arguments: TestDatabase.allCases)
    func gatewaySearch(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let now = Timestamp(rawValue: 1_800_000_000_000)
            var gateways = (0..<30).map { index in
                var gateway = makeGateway("Dock-\(index)", in: customer, created: 1_700_000_000_000 + Int64(index))
                gateway.station = index < 10 ? "North" : "South"
                gateway.usecase = index.isMultiple(of: 2) ? "picking" : "packing"
                return gateway
            }
            gateways[0].name = "100%_Dock\\x"
            gateways[1].isProvisioned = true
            gateways[2].isProvisioned = true
            gateways[2].lastMessageAt = Timestamp(rawValue: now.rawValue - 60_000)
            gateways[3].isProvisioned = true
            gateways[3].lastMessageAt = Timestamp(rawValue: now.rawValue - Gateway.activeWindowMillis - 1)
            // One at a time: a multi-row insert needs the same optional columns set in every row.
            for gateway in gateways { try await store.insert([gateway]) }
            func names(_ search: GatewaySearch, limit: Int = 500) async throws -> [String] {
                try await store.gateways(customerID: customer.id, matching: search, page: PageRequest(limit: limit, nextToken: nil)).items.map(\.name)
            }
            #expect(try await names(GatewaySearch(nameContains: "dock-2", now: now)) == ["Dock-2"] + (20..<30).map { "Dock-\($0)" })
            #expect(try await names(GatewaySearch(nameContains: "%_dock\\", now: now)) == ["100%_Dock\\x"], "LIKE's wildcards match themselves")
            #expect(try await names(GatewaySearch(nameContains: "_", now: now)) == ["100%_Dock\\x"])
            #expect(try await names(GatewaySearch(station: "North", usecase: "packing", now: now)) == [1, 3, 5, 7, 9].map { "Dock-\($0)" })
            #expect(try await names(GatewaySearch(status: .registering, now: now)) == ["Dock-1"])
            #expect(try await names(GatewaySearch(status: .active, now: now)) == ["Dock-2"])
            #expect(try await names(GatewaySearch(status: .inactive, now: now)) == ["Dock-3"])
            #expect(try await names(GatewaySearch(status: .notRegistered, now: now)).count == 27)
            for gateway in try await store.gateways(customerID: customer.id, matching: GatewaySearch(now: now), page: PageRequest(limit: 500, nextToken: nil)).items {
                let status = gateway.connectivityStatus(at: now)
                #expect(try await names(GatewaySearch(status: status, now: now)).contains(gateway.name), "\(gateway.name) is \(status.rawValue)")
            }

            let first = try await store.gateways(customerID: customer.id, matching: GatewaySearch(station: "South", now: now), page: PageRequest(limit: 15, nextToken: nil))
            let second = try await store.gateways(customerID: customer.id, matching: GatewaySearch(station: "South", now: now), page: PageRequest(limit: 15, after: first.next))
            #expect(first.items.count == 15 && second.items.count == 5 && second.next == nil)
            #expect(Set((first.items + second.items).map(\.name)) == Set((10..<30).map { "Dock-\($0)" }))

            let facets = try await store.gatewayFacets(customerID: customer.id)
            #expect(facets == GatewayFacets(stations: ["North", "South"], usecases: ["packing", "picking"]))
        }
    }
}
