import Foundation
import InsightCore
import InsightStore

/// The databases every conformance test runs against: an SQLite file of its own, and the
/// PostgreSQL server named by `INSIGHT_TEST_POSTGRES_URL` (which `scripts/test` starts and sets).
public enum TestDatabase: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// Opens and migrates a store. Each call on SQLite gets a new file; on PostgreSQL every
    /// test shares one database and stays apart by working in a customer of its own.
    public func openStore() async throws -> SQLStore {
        let location: DatabaseLocation
        switch self {
        case .sqlite:
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("insight-test-\(UUID().uuidString).sqlite")
            location = .sqlite(path: file.path)
        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["INSIGHT_TEST_POSTGRES_URL"] else {
                throw MissingPostgres()
            }
            location = try DatabaseLocation(url: url)
        }
        let store = try SQLStore(location)
        try await store.migrate()
        return store
    }

    struct MissingPostgres: Error, CustomStringConvertible {
        var description: String { "INSIGHT_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts PostgreSQL." }
    }
}

/// Runs `body` with a fresh store and a new customer in it, and shuts the store down afterwards.
public func withStore(_ database: TestDatabase, _ body: (SQLStore, Customer) async throws -> Void) async throws {
    let store = try await database.openStore()
    do {
        let customer = Customer(id: UUID().uuidString.lowercased(), name: "Test", created: Timestamp(Date()))
        try await store.insert(customer)
        try await body(store, customer)
        try await store.shutdown()
    } catch {
        try? await store.shutdown()
        throw error
    }
}

/// A gateway in `customer` named `name`, created at `created`.
public func makeGateway(_ name: String, in customer: Customer, created: Int64 = 1_700_000_000_000) -> Gateway {
    Gateway(
        id: UUID(), customerID: customer.id, name: name, usecase: "Picking", station: "Station1",
        created: Timestamp(rawValue: created), lastUpdated: Timestamp(rawValue: created)
    )
}
