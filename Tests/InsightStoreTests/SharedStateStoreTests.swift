import Foundation
import InsightCore
import InsightStore
import InsightTestSupport
import Testing

/// What several processes on one database rely on: the database decides every race for a shared
/// value. On PostgreSQL each test works under names of its own.
@Suite("Shared state") struct SharedStateStoreTests {
    @Test("of 20 racing first writers every one gets the first one's value", arguments: TestDatabase.allCases)
    func racingCreatorsAgree(database: TestDatabase) async throws {
        try await withStore(database) { store, _ in
            let name = "test/\(UUID().uuidString)/key"
            let results = try await withThrowingTaskGroup(of: Data.self) { group in
                for writer in 0..<20 {
                    group.addTask { try await store.sharedValue(named: name, insertingIfAbsent: Data("writer \(writer)".utf8)) }
                }
                return try await group.reduce(into: [Data]()) { $0.append($1) }
            }
            #expect(Set(results).count == 1, "\(Set(results.map { String(decoding: $0, as: UTF8.self) }))")
            #expect(try await store.sharedValue(named: name) == results[0])
            #expect(try await store.sharedValue(named: "test/\(UUID().uuidString)/none") == nil)
        }
    }

    @Test("50 concurrent CRL numbers are distinct, start at the floor and only grow", arguments: TestDatabase.allCases)
    func countersNeverRepeat(database: TestDatabase) async throws {
        try await withStore(database) { store, _ in
            let name = "test/\(UUID().uuidString)/counter"
            let values = try await withThrowingTaskGroup(of: Int64.self) { group in
                for _ in 0..<50 { group.addTask { try await store.nextCounterValue(named: name, atLeast: 1_000) } }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            #expect(Set(values) == Set(1_000..<1_050))
            #expect(try await store.nextCounterValue(named: name, atLeast: 5) == 1_050, "one more than the last")
            #expect(try await store.nextCounterValue(named: name, atLeast: 9_000) == 9_000, "or the floor when that is higher")
        }
    }

    @Test("a value is replaced only by a higher version", arguments: TestDatabase.allCases)
    func onlyNewerVersionsReplace(database: TestDatabase) async throws {
        try await withStore(database) { store, _ in
            let name = "test/\(UUID().uuidString)/crl"
            #expect(try await store.storeSharedValue(Data("v5".utf8), named: name, ifNewerThanStored: 5))
            #expect(try await !store.storeSharedValue(Data("v4".utf8), named: name, ifNewerThanStored: 4))
            #expect(try await !store.storeSharedValue(Data("v5 again".utf8), named: name, ifNewerThanStored: 5))
            #expect(try await store.sharedValue(named: name) == Data("v5".utf8))
            #expect(try await store.storeSharedValue(Data("v6".utf8), named: name, ifNewerThanStored: 6))
            #expect(try await store.sharedValue(named: name) == Data("v6".utf8))
            try await store.replaceSharedValues([name: Data("forced".utf8)])
            #expect(try await store.sharedValue(named: name) == Data("forced".utf8))
        }
    }

    @Test("names are listed by prefix, exactly: _ and % are no wildcards", arguments: TestDatabase.allCases)
    func namesByPrefix(database: TestDatabase) async throws {
        try await withStore(database) { store, _ in
            let base = "test/\(UUID().uuidString)/"
            for name in ["a_b/1", "a_b/2", "axb/1", "a%/1", "a_b"] {
                _ = try await store.sharedValue(named: base + name, insertingIfAbsent: Data())
            }
            #expect(try await store.sharedValueNames(prefix: base + "a_b/") == [base + "a_b/1", base + "a_b/2"])
            #expect(try await store.sharedValueNames(prefix: base + "a%") == [base + "a%/1"])
            #expect(try await store.sharedValues(prefix: base + "a_b/") == [base + "a_b/1": Data(), base + "a_b/2": Data()], "values by prefix, in one query")
        }
    }
}
