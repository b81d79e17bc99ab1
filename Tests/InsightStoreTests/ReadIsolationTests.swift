import Foundation
import InsightCore
@testable import InsightStore
import InsightTestSupport
import SQLKit
import Testing

/// The store's reads run on connections of their own (SQLite's read-only ones, PostgreSQL's
/// libpq ones): they neither wait for a write transaction nor see it before it commits.
@Suite("Reads beside writes")
struct ReadIsolationTests {
    @Test("a read during a write transaction answers at once, with what was committed before it", arguments: TestDatabase.allCases)
    func readDuringWrite(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let committed = makeGateway("Committed", in: customer)
            try await store.insert([committed], idempotency: nil)
            let pending = makeGateway("Pending", in: customer, created: 1_700_000_000_001)
            let request = try PageRequest(limit: 10, after: nil)
            let backend = store.backend
            let seenDuringWrite = try await backend.withConnection { db in
                try await db.raw(SQLQueryString(backend.beginWriteTransaction)).run()
                try await db.insert(into: "gateways").model(GatewayRow(pending)).run()
                // On one shared connection this read would wait for the COMMIT below: forever.
                let seen = try await store.gateways(customerID: customer.id, page: request).items.map(\.id)
                try await db.raw("COMMIT").run()
                return seen
            }
            #expect(seenDuringWrite == [committed.id])
            #expect(try await store.gateways(customerID: customer.id, page: request).items.map(\.id) == [committed.id, pending.id])
        }
    }
}
