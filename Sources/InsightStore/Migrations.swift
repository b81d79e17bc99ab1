import SQLKit

/// The schema, as an ordered list of migrations. Each runs once, inside a transaction, and is
/// recorded in `schema_migrations`; append new ones, never edit applied ones.
enum Migrations {
    struct Migration: Sendable {
        let version: Int
        let apply: @Sendable (any SQLDatabase) async throws -> Void
    }

    static let all: [Migration] = [
        Migration(version: 1) { db in
            try await db.create(table: "customers")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("name", type: .text, .notNull)
                .column("created", type: .bigint, .notNull)
                .run()
            try await db.create(table: "users")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("customer_id", type: .text, .notNull, .references("customers", "id"))
                .column("email", type: .text, .notNull)
                .column("first_name", type: .text)
                .column("last_name", type: .text)
                .column("language", type: .text)
                .column("roles", type: .text, .notNull)
                .column("created", type: .bigint, .notNull)
                .column("last_updated", type: .bigint, .notNull)
                .unique("customer_id", "email")
                .run()
            try await db.create(table: "gateways")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("customer_id", type: .text, .notNull, .references("customers", "id"))
                .column("name", type: .text, .notNull)
                .column("usecase", type: .text, .notNull)
                .column("station", type: .text, .notNull)
                .column("kind", type: .text, .notNull)
                .column("model", type: .text)
                .column("manufacturer", type: .text)
                .column("firmware", type: .text)
                .column("connectivity_status", type: .text, .notNull)
                .column("created", type: .bigint, .notNull)
                .column("last_updated", type: .bigint, .notNull)
                .column("version", type: .bigint, .notNull)
                .unique("customer_id", "name")
                .run()
            try await db.create(index: "gateways_page").on("gateways").column("customer_id").column("created").column("id").run()
        },
    ]
}
