import InsightCore
import SQLKit

/// The schema, as an ordered list of migrations. Each runs once, is recorded in
/// `schema_migrations`, and runs under the schema lock in one transaction with the others that are
/// due (see `SQLStore.migrate()`); append new ones, never edit applied ones.
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
        Migration(version: 2) { db in
            try await db.create(table: "certificates")
                .column("serial", type: .text, .primaryKey(autoIncrement: false))
                .column("customer_id", type: .text, .notNull)
                .column("gateway_id", type: .text, .notNull, .references("gateways", "id"))
                .column("common_name", type: .text, .notNull)
                .column("issued", type: .bigint, .notNull)
                .column("not_after", type: .bigint, .notNull)
                .column("revoked_at", type: .bigint)
                .run()
            try await db.create(index: "certificates_gateway").on("certificates").column("customer_id").column("gateway_id").run()
            try await db.create(table: "provisioning_tokens")
                .column("token_hash", type: .blob, .primaryKey(autoIncrement: false))
                .column("customer_id", type: .text, .notNull)
                .column("gateway_id", type: .text, .notNull, .references("gateways", "id"))
                .column("created", type: .bigint, .notNull)
                .column("expires_at", type: .bigint, .notNull)
                .column("redeemed_at", type: .bigint)
                .column("voided_at", type: .bigint)
                .column("pkcs12", type: .blob, .notNull)
                .column("certificate_serial", type: .text, .notNull, .references("certificates", "serial"))
                .run()
            try await db.create(index: "provisioning_tokens_gateway").on("provisioning_tokens").column("gateway_id").run()
            try await db.create(table: "packages")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("customer_id", type: .text, .notNull)
                .column("gateway_id", type: .text, .notNull, .references("gateways", "id"))
                .column("created", type: .bigint, .notNull)
                .column("file_name", type: .text, .notNull)
                .column("sha256", type: .text, .notNull)
                .column("data", type: .blob, .notNull)
                .run()
            try await db.create(index: "packages_gateway").on("packages").column("customer_id").column("gateway_id").column("created").run()
        },
        Migration(version: 3) { db in
            // What a reissue must not silently drop: the server keeps neither passwords nor WiFi.
            try await db.alter(table: "packages").column("encrypted", type: .bigint, .notNull, .default(0)).run()
            try await db.alter(table: "packages").column("carries_wifi", type: .bigint, .notNull, .default(0)).run()
        },
        Migration(version: 4) { db in
            try await db.create(table: "idempotency_keys")
                .column("customer_id", type: .text, .notNull, .references("customers", "id"))
                .column("key", type: .text, .notNull)
                .column("operation", type: .text, .notNull)
                .column("request_sha256", type: .text, .notNull)
                .column("resource_ids", type: .text, .notNull)
                .column("created", type: .bigint, .notNull)
                .primaryKey("customer_id", "key")
                .run()
        },
        Migration(version: 5) { db in
            // Emails unique per customer regardless of case, through a key computed in Swift
            // (`EmailAddress.key`): SQLite's lower() folds ASCII only, PostgreSQL's follows the locale.
            try await db.alter(table: "users").column("email_key", type: .text, .notNull, .default("")).run()
            struct Email: Decodable { let id: String, customer_id: String, email: String }
            let emails = try await db.select().columns("id", "customer_id", "email").from("users").orderBy("id").all(decoding: Email.self)
            var firstEmail: [String: String] = [:]
            for row in emails {
                let key = EmailAddress.key(row.email)
                if let first = firstEmail["\(row.customer_id)/\(key)"] {
                    throw EmailsDifferingInCaseError(customerID: row.customer_id, emails: [first, row.email])
                }
                firstEmail["\(row.customer_id)/\(key)"] = row.email
                try await db.update("users").set("email_key", to: key).where("id", .equal, row.id).run()
            }
            try await db.create(index: "users_email_key").unique().on("users").column("customer_id").column("email_key").run()
            try await db.create(index: "users_page").on("users").column("customer_id").column("created").column("id").run()
            try await db.create(table: "consents")
                .column("customer_id", type: .text, .notNull)
                .column("user_id", type: .text, .notNull, .references("users", "id"))
                .column("type", type: .text, .notNull)
                .column("version", type: .text, .notNull)
                .column("agreed_on", type: .bigint, .notNull)
                .primaryKey("user_id", "type", "version")
                .run()
        },
        Migration(version: 6) { db in
            // Events, unique per customer; both listings (all, one gateway) read an index in order.
            try await db.create(table: "events")
                .column("customer_id", type: .text, .notNull)
                .column("id", type: .text, .notNull)
                .column("created", type: .bigint, .notNull)
                .column("class", type: .text, .notNull)
                .column("type", type: .text, .notNull)
                .column("gateway_id", type: .text, .notNull)
                .column("scan_code", type: .text)
                .column("scan_duration", type: doublePrecision)
                .column("scan_decode_symbology", type: .text)
                .column("device_id", type: .text)
                .column("device_battery", type: .bigint)
                .column("device_firmware", type: .text)
                .column("device_temperature", type: doublePrecision)
                .column("gateway_usecase", type: .text)
                .column("gateway_station", type: .text)
                .column("metrics_worker_steps", type: .bigint)
                .primaryKey("customer_id", "id")
                .run()
            try await db.create(index: "events_page").on("events").column("customer_id").column("created").column("id").run()
            try await db.create(index: "events_gateway_page").on("events")
                .column("customer_id").column("gateway_id").column("created").column("id").run()
            try await db.create(table: "devices")
                .column("customer_id", type: .text, .notNull)
                .column("id", type: .text, .notNull)
                .column("created", type: .bigint, .notNull)
                .column("last_activity_time", type: .bigint, .notNull)
                .column("last_updated", type: .bigint, .notNull)
                .column("battery", type: .bigint)
                .column("firmware", type: .text)
                .column("model", type: .text)
                .column("manufacturer", type: .text)
                .column("status", type: .text, .notNull)
                .primaryKey("customer_id", "id")
                .run()
            try await db.create(index: "devices_page").on("devices").column("customer_id").column("created").column("id").run()
            // Connectivity status is derived when read (Gateway.connectivityStatus(at:)) from two
            // facts: whether the gateway was provisioned, and when its last message came.
            try await db.alter(table: "gateways").column("provisioned", type: .bigint, .notNull, .default(0)).run()
            try await db.alter(table: "gateways").column("last_message_at", type: .bigint).run()
            try await db.update("gateways").set("provisioned", to: 1).where("connectivity_status", .notEqual, "NOT_REGISTERED").run()
            try await db.alter(table: "gateways").dropColumn("connectivity_status").run()
        },
        Migration(version: 7) { db in
            try await db.create(table: "job_configs")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("customer_id", type: .text, .notNull, .references("customers", "id"))
                .column("job_name", type: .text, .notNull)
                .column("start_barcode", type: .text, .notNull)
                .column("end_barcode", type: .text, .notNull)
                .column("gateway_ids", type: .text, .notNull)
                .column("created", type: .bigint, .notNull)
                .column("last_updated", type: .bigint, .notNull)
                .column("version", type: .bigint, .notNull)
                .unique("customer_id", "job_name")
                .run()
            try await db.create(index: "job_configs_list").on("job_configs").column("customer_id").column("created").column("id").run()
            try await db.create(table: "device_configs")
                .column("customer_id", type: .text, .notNull, .references("customers", "id"))
                .column("id", type: .text, .notNull)
                .column("name", type: .text, .notNull)
                .column("file_size", type: .bigint, .notNull)
                .column("created", type: .bigint, .notNull)
                .column("last_modified", type: .bigint, .notNull)
                .column("data", type: .blob, .notNull)
                .primaryKey("customer_id", "id")
                .run()
        },
        Migration(version: 8) { db in
            try await db.create(table: "event_exports")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("customer_id", type: .text, .notNull, .references("customers", "id"))
                .column("start_time", type: .bigint, .notNull)
                .column("end_time", type: .bigint, .notNull)
                .column("requested", type: .bigint, .notNull)
                .column("is_task", type: .bigint, .notNull)
                .column("status", type: .text, .notNull)
                .column("claim_token", type: .text)
                .column("lease_until", type: .bigint)
                .column("completed", type: .bigint)
                .column("byte_count", type: .bigint, .notNull)
                .column("row_count", type: .bigint, .notNull)
                .column("failure", type: .text)
                .run()
            try await db.create(index: "event_exports_queue").on("event_exports").column("is_task").column("status").column("requested").run()
            try await db.create(table: "event_export_parts")
                .column("export_id", type: .text, .notNull, .references("event_exports", "id"))
                .column("sequence", type: .bigint, .notNull)
                .column("data", type: .blob, .notNull)
                .primaryKey("export_id", "sequence")
                .run()
        },
        Migration(version: 9) { db in
            // A job analysis reads one gateway's scans by code prefix: with `type` and `scan_code`
            // in the gateway index, the database filters them in the index alone, without a
            // lookup in the table for each of a day's events (1.6 s → 0.4 s for a million on
            // SQLite). Event pages filtered by gateway use the same index as before.
            try await db.drop(index: "events_gateway_page").run()
            try await db.create(index: "events_gateway_page").on("events")
                .column("customer_id").column("gateway_id").column("created").column("id").column("type").column("scan_code").run()
        },
        Migration(version: 10) { db in
            // The audit trail: only ever added to, read a customer at a time in (created, id) order.
            try await db.create(table: "audit_events")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("customer_id", type: .text, .notNull)
                .column("created", type: .bigint, .notNull)
                .column("action", type: .text, .notNull)
                .column("actor_user_id", type: .text)
                .column("actor_email", type: .text)
                .column("target", type: .text, .notNull)
                .column("client_address", type: .text)
                .column("details", type: .text)
                .run()
            try await db.create(index: "audit_events_page").on("audit_events").column("customer_id").column("created").column("id").run()
        },
        Migration(version: 11) { db in
            // What every process on the database shares: keys (sealed), CAs (sealed), CRLs and
            // their number counters (`SharedStateStore`).
            try await db.create(table: "shared_state")
                .column("name", type: .text, .primaryKey(autoIncrement: false))
                .column("value", type: .blob, .notNull)
                .column("version", type: .bigint, .notNull)
                .run()
        },
        Migration(version: 12) { db in
            // The console's one-time sign-in links, kept only as the hash of their secret.
            try await db.create(table: "login_links")
                .column("link_hash", type: .blob, .primaryKey(autoIncrement: false))
                .column("user_id", type: .text, .notNull)
                .column("customer_id", type: .text, .notNull)
                .column("expires_at", type: .bigint, .notNull)
                .column("redeemed_at", type: .bigint)
                .run()
        },
    ]

    /// 64-bit floating point on both engines (SQLKit's `.real` is 32-bit on PostgreSQL).
    private static let doublePrecision = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
}
