import Foundation
import InsightCore
@testable import InsightStore
import InsightTestSupport
import Testing

/// Opening stores: migrations serialized across stores (as across processes), and failures that
/// say what happened and leave no pool behind.
@Suite("Migrations")
struct MigrationTests {
    /// How many stores open the same fresh database at once: each has its own connection pool,
    /// as a separate process would.
    static let migrators = 6

    @Test("stores opened at once on a fresh database all succeed, and each migration is applied once", arguments: TestDatabase.allCases)
    func concurrentMigrations(database: TestDatabase) async throws {
        for _ in 1...5 {
            try await withFreshDatabase(database) { location in
                let seen = try await withThrowingTaskGroup(of: [Int].self) { group in
                    for migrator in 1...Self.migrators {
                        group.addTask {
                            try await SQLStore.withStore(location) { store in
                                // The schema is usable at once: a customer can be written.
                                try await store.insert(Customer(id: UUID().uuidString, name: "Migrator \(migrator)", created: Timestamp(Date())))
                                return try await store.appliedMigrationVersions()
                            }
                        }
                    }
                    return try await group.reduce(into: [[Int]]()) { $0.append($1) }
                }
                let expected = Migrations.all.map(\.version)
                #expect(seen.count == Self.migrators)
                #expect(seen.allSatisfy { $0 == expected }, "every store saw each migration recorded exactly once: \(seen)")
            }
        }
    }

    @Test("a database that does not exist is named in the error, with PostgreSQL's SQL state")
    func missingPostgresDatabase() async throws {
        let location = try TestDatabase.postgresLocation(database: "insight_no_such_database")
        // Were the pool released without shutdown, AsyncKit's deinit assertion would end the run.
        let error = await #expect(throws: DatabaseError.self) { try await SQLStore.open(location) }
        #expect(error?.sqlState == "3D000")
        #expect(error?.description.contains("insight_no_such_database") == true, "\(error.map(String.init(describing:)) ?? "")")
        #expect(error?.description.contains("PSQLError") == false)
        #expect(error?.description.contains("create it (createdb NAME)") == true)
    }

    @Test("a database the user may not create tables in says so, and what to grant")
    func databaseWithoutCreatePrivilege() async throws {
        let role = "insight_limited_\(UInt32.random(in: 0...UInt32.max))"
        try await runOnTestPostgresServer("CREATE ROLE \(role) LOGIN")
        let error: DatabaseError?
        do {
            error = try await withFreshDatabase(.postgres) { location -> DatabaseError? in
                guard case .postgres(let url) = location, var components = URLComponents(string: url) else { return nil }
                components.user = role
                let limited = try DatabaseLocation(url: components.string ?? "")
                return await #expect(throws: DatabaseError.self) { try await SQLStore.open(limited) }
            }
        } catch {
            try? await runOnTestPostgresServer("DROP ROLE \(role)")
            throw error
        }
        try await runOnTestPostgresServer("DROP ROLE \(role)")
        #expect(error?.sqlState == "42501")
        let description = error.map(String.init(describing:)) ?? ""
        #expect(description.contains("permission denied for schema public"), "\(description)")
        #expect(description.contains("GRANT CREATE, USAGE ON SCHEMA public TO USER"))
    }

    @Test("an unreachable PostgreSQL server is named in the error, without the URL's password")
    func unreachablePostgres() async throws {
        let location = try DatabaseLocation(url: "postgres://insight:s3cret-pw@127.0.0.1:1/insight")
        let error = await #expect(throws: DatabaseError.self) { try await SQLStore.open(location) }
        let description = error.map(String.init(describing:)) ?? ""
        #expect(description.hasPrefix("Cannot reach PostgreSQL at 127.0.0.1:1"), "\(description)")
        #expect(description.hasSuffix("Is PostgreSQL running there, and does the database URL (--database or INSIGHT_DATABASE_URL) name its host and port?"))
        #expect(!description.contains("s3cret-pw"))
    }
}
