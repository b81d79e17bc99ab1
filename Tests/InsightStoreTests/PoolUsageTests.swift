import Foundation
import InsightCore
@testable import InsightStore
import InsightTestSupport
import SQLKit
import Testing

@Suite("Pool usage") struct PoolUsageTests {
    @Test("a write connection and a read are counted while lent out, and no longer afterwards", arguments: TestDatabase.allCases)
    func countsLeases(database: TestDatabase) async throws {
        try await withStore(database) { store, _ in
            let idle = store.poolUsage()
            #expect(idle.map(\.pool) == ["write", "read"])
            #expect(idle.allSatisfy { $0.inUse == 0 && $0.capacity >= 1 })
            let duringWrite = try await store.backend.withConnection { _ in store.poolUsage() }
            #expect(duringWrite.first { $0.pool == "write" }?.inUse == 1)
            let duringRead = try await store.backend.read({ _ in SQLRaw("SELECT 1") }) { _ in store.poolUsage() }
            #expect(duringRead.first?.first { $0.pool == "read" }?.inUse == 1)
            #expect(store.poolUsage().allSatisfy { $0.inUse == 0 })
        }
    }
}
