import Foundation
import InsightCore
import InsightStore
import Logging
import PostgresKit

/// The databases every conformance test runs against: an SQLite file of its own, and the
/// PostgreSQL database named by `INSIGHT_TEST_POSTGRES_URL` (which `scripts/test` creates afresh
/// for each run and sets).
public enum TestDatabase: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// Where one test's store lives: on SQLite `sqliteFile`, or else a new file in the temporary
    /// directory; on PostgreSQL the shared test database, where tests stay apart by working in
    /// customers of their own.
    public func location(sqliteFile: URL? = nil) throws -> DatabaseLocation {
        switch self {
        case .sqlite:
            let file = sqliteFile
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("insight-test-\(UUID().uuidString).sqlite")
            return .sqlite(path: file.path)
        case .postgres:
            return try DatabaseLocation(url: Self.postgresURL())
        }
    }

    /// The test server's URL, from `INSIGHT_TEST_POSTGRES_URL`.
    static func postgresURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["INSIGHT_TEST_POSTGRES_URL"] else { throw MissingPostgres() }
        return url
    }

    struct MissingPostgres: Error, CustomStringConvertible {
        var description: String { "INSIGHT_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts PostgreSQL." }
    }
}

/// Runs `body` with a fresh store and a new customer in it, and shuts the store down afterwards.
public func withStore(_ database: TestDatabase, _ body: (SQLStore, Customer) async throws -> Void) async throws {
    try await SQLStore.withStore(database.location()) { store in
        let customer = Customer(id: UUID().lowercasedString, name: "Test", created: Timestamp(Date()))
        try await store.insert(customer)
        try await body(store, customer)
    }
}

/// Runs `body` with the location of a database that nothing has touched yet: a new SQLite file in
/// a temporary directory, or a new database on the test PostgreSQL server. Both are removed
/// afterwards, also when `body` throws.
public func withFreshDatabase<Result>(_ database: TestDatabase, _ body: (DatabaseLocation) async throws -> Result) async throws -> Result {
    switch database {
    case .sqlite:
        return try await withTemporaryDirectory { directory in
            try await body(.sqlite(path: directory.appendingPathComponent("insight.sqlite").path))
        }
    case .postgres:
        let server = try TestDatabase.postgresURL()
        let name = "insight_fresh_\(UUID().lowercasedString.replacingOccurrences(of: "-", with: ""))"
        try await runAdministrative("CREATE DATABASE \(name)", on: server)
        do {
            let result = try await body(try TestDatabase.postgresLocation(database: name))
            try await runAdministrative("DROP DATABASE \(name) WITH (FORCE)", on: server)
            return result
        } catch {
            try? await runAdministrative("DROP DATABASE \(name) WITH (FORCE)", on: server)
            throw error
        }
    }
}

extension TestDatabase {
    /// Database `database` on the test PostgreSQL server (which need not exist).
    public static func postgresLocation(database: String) throws -> DatabaseLocation {
        guard var components = URLComponents(string: try postgresURL()) else { throw MissingPostgres() }
        components.path = "/" + database
        return try DatabaseLocation(url: components.string ?? "")
    }
}

/// Runs `statement` as the test PostgreSQL server's administrator, in its `postgres` database
/// (what a test does to a database from outside: refuse its connections, drop it).
public func runOnTestPostgresServer(_ statement: String) async throws {
    try await runAdministrative(statement, on: TestDatabase.postgresURL())
}

/// Runs one statement that cannot run in a transaction (`CREATE DATABASE`) on its own connection.
private func runAdministrative(_ statement: String, on serverURL: String) async throws {
    let configuration = try SQLPostgresConfiguration(url: serverURL).coreConfiguration
    let logger = Logger(label: "insight.test")
    do {
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    } catch let error as PSQLError {
        throw DatabaseError(error, server: DatabaseError.serverName(ofURL: serverURL))
    }
}

/// A gateway in `customer` named `name`, created at `created`.
public func makeGateway(_ name: String, in customer: Customer, created: Int64 = 1_700_000_000_000) -> Gateway {
    Gateway(
        id: UUID(), customerID: customer.id, name: name, usecase: "Picking", station: "Station1",
        created: Timestamp(rawValue: created), lastUpdated: Timestamp(rawValue: created)
    )
}
