import Foundation
import InsightCore
@testable import InsightStore
import InsightTestSupport
import SQLKit
import Testing

/// Migration 5 on a database that has users already, as `insight token` made them before it.
@Suite("Migration 5: emails unique regardless of case")
struct EmailMigrationTests {
    @Test("existing users get their email keys; a case variant is refused afterwards", arguments: TestDatabase.allCases)
    func upgrade(database: TestDatabase) async throws {
        try await withFreshDatabase(database) { location in
            let first = UUID().uuidString.lowercased(), second = UUID().uuidString.lowercased()
            try await SQLStore.withStore(location) { store in
                try await rollBackToVersion4(store, users: [(first, "Ann@Example.com"), (second, "ANN@example.com")])
                try await store.migrate()
                #expect(try await store.appliedMigrationVersions().contains(5))
                #expect(try await store.user(email: "ann@EXAMPLE.com", customerID: "c1")?.id == first)
                #expect(try await store.user(email: "ann@example.com", customerID: "c2")?.id == second)
                let variant = User(id: UUID().uuidString.lowercased(), customerID: "c1", email: "ANN@EXAMPLE.COM", roles: [.user], created: Timestamp(rawValue: 1), lastUpdated: Timestamp(rawValue: 1))
                let error = await #expect(throws: InsightError.self) { try await store.insert(variant) }
                #expect(error?.kind == .conflict)
            }
        }
    }

    @Test("two users of one customer whose emails differ only in case stop the migration, which names them", arguments: TestDatabase.allCases)
    func caseVariants(database: TestDatabase) async throws {
        try await withFreshDatabase(database) { location in
            try await SQLStore.withStore(location) { store in
                try await rollBackToVersion4(store, users: [(UUID().uuidString, "x@example.com"), (UUID().uuidString, "X@example.com")], sameCustomer: true)
                let error = await #expect(throws: EmailsDifferingInCaseError.self) { try await store.migrate() }
                let description = error.map(String.init(describing:)) ?? ""
                #expect(description.contains("'x@example.com'") && description.contains("'X@example.com'"), "\(description)")
                #expect(try await !store.appliedMigrationVersions().contains(5), "nothing of migration 5 is left")
            }
        }
    }
}

/// Undoes migration 5 on a freshly migrated store and inserts `users` as version 4 stored them:
/// each in a customer of its own (`c1`, `c2`, …), or all in `c1`.
private func rollBackToVersion4(_ store: SQLStore, users: [(id: String, email: String)], sameCustomer: Bool = false) async throws {
    try await store.backend.withConnection { db in
        for statement in [
            "DROP TABLE consents", "DROP INDEX users_email_key", "DROP INDEX users_page",
            "ALTER TABLE users DROP COLUMN email_key", "DELETE FROM schema_migrations WHERE version = 5",
        ] {
            try await db.raw(SQLQueryString(statement)).run()
        }
        for (index, user) in users.enumerated() {
            let customer = sameCustomer ? "c1" : "c\(index + 1)"
            if index == 0 || !sameCustomer {
                try await db.insert(into: "customers").columns("id", "name", "created").values(SQLBind(customer), SQLBind("C"), SQLBind(1)).run()
            }
            try await db.insert(into: "users").columns("id", "customer_id", "email", "roles", "created", "last_updated")
                .values(SQLBind(user.id), SQLBind(customer), SQLBind(user.email), SQLBind("ADMIN_ROLE"), SQLBind(1), SQLBind(1)).run()
        }
    }
}
