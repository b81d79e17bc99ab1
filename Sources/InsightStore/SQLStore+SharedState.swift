import Foundation
import InsightCore
import SQLKit

extension SQLStore {
    public func sharedValue(named name: String) async throws -> Data? {
        try await backend.withConnection { db in
            try await db.select().column("value").column("version").from("shared_state").where("name", .equal, name)
                .first(decoding: SharedStateRow.self)?.value
        }
    }

    public func sharedValue(named name: String, insertingIfAbsent value: Data) async throws -> Data {
        // INSERT … ON CONFLICT DO NOTHING, then read: the database keeps the first writer's value.
        try await backend.withConnection { db in
            try await db.insert(into: "shared_state").columns("name", "value", "version").values(SQLBind(name), SQLBind(value), SQLBind(Int64(0)))
                .ignoringConflicts(with: "name")
                .run()
            guard let stored = try await db.select().column("value").column("version").from("shared_state").where("name", .equal, name)
                .first(decoding: SharedStateRow.self)
            else { throw InsightStoreError.corruptRow(table: "shared_state", id: name) }
            return stored.value
        }
    }

    public func storeSharedValue(_ value: Data, named name: String, ifNewerThanStored version: Int64) async throws -> Bool {
        try await backend.withConnection { db in
            let stored = try await db.raw("""
                INSERT INTO shared_state (name, value, version) VALUES (\(bind: name), \(bind: value), \(bind: version))
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, version = excluded.version
                WHERE shared_state.version < excluded.version
                RETURNING version
                """).all()
            return !stored.isEmpty
        }
    }

    public func replaceSharedValues(_ values: [String: Data]) async throws {
        try await inTransaction { db in
            for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                try await db.insert(into: "shared_state").columns("name", "value", "version").values(SQLBind(name), SQLBind(value), SQLBind(Int64(0)))
                    .onConflict(with: ["name"]) { $0.set(excludedValueOf: "value") }
                    .run()
            }
        }
    }

    public func sharedValueNames(prefix: String) async throws -> [String] {
        try await backend.withConnection { db in
            try await db.select().column("name").from("shared_state").whereName(startsWith: prefix)
                .orderBy("name")
                .all(decoding: SharedStateNameRow.self).map(\.name)
        }
    }

    public func sharedValues(prefix: String) async throws -> [String: Data] {
        let rows = try await backend.withConnection { db in
            try await db.select().column("name").column("value").from("shared_state").whereName(startsWith: prefix)
                .all(decoding: SharedStateNamedValueRow.self)
        }
        return Dictionary(rows.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    public func nextCounterValue(named name: String, atLeast: Int64) async throws -> Int64 {
        try await backend.withConnection { db in
            let row = try await db.raw("""
                INSERT INTO shared_state (name, value, version) VALUES (\(bind: name), \(bind: Data()), \(bind: atLeast))
                ON CONFLICT (name) DO UPDATE SET version = CASE
                    WHEN shared_state.version + 1 > excluded.version THEN shared_state.version + 1 ELSE excluded.version END
                RETURNING version
                """).first(decoding: SharedStateVersion.self)
            guard let row else { throw InsightStoreError.corruptRow(table: "shared_state", id: name) }
            return row.version
        }
    }

    public func rewriteSecretsAtRest(_ rewrite: @escaping @Sendable (SecretAtRest, Data) throws -> Data?) async throws -> Int {
        try await inTransaction { db in
            var replaced = 0
            let packages = try await db.select().column("id").column("data").from("packages")
                .where(SQLFunction("length", args: SQLIdentifier("data")), .greaterThan, SQLBind(0))
                .all(decoding: PackageSecretRow.self)
            for row in packages {
                guard let id = UUID(text: row.id) else { throw InsightStoreError.corruptRow(table: "packages", id: row.id) }
                guard let data = try rewrite(.package(id), row.data) else { continue }
                try await db.update("packages").set("data", to: SQLBind(data)).where("id", .equal, row.id).run()
                replaced += 1
            }
            let tokens = try await db.select().column("token_hash").column("pkcs12").from("provisioning_tokens")
                .where(SQLFunction("length", args: SQLIdentifier("pkcs12")), .greaterThan, SQLBind(0))
                .all(decoding: TokenSecretRow.self)
            for row in tokens {
                guard let data = try rewrite(.pkcs12(tokenHash: row.token_hash), row.pkcs12) else { continue }
                try await db.update("provisioning_tokens").set("pkcs12", to: SQLBind(data)).where("token_hash", .equal, SQLBind(row.token_hash)).run()
                replaced += 1
            }
            return replaced
        }
    }
}

private struct SharedStateRow: Decodable {
    let value: Data
    let version: Int64
}

private struct SharedStateNameRow: Decodable {
    let name: String
}

private struct SharedStateNamedValueRow: Decodable {
    let name: String
    let value: Data
}

extension SQLSelectBuilder {
    /// Rows of `shared_state` whose name starts with `prefix`: a range, not LIKE, since names hold
    /// `_`, which LIKE takes as a wildcard.
    fileprivate func whereName(startsWith prefix: String) -> Self {
        self.where("name", .greaterThanOrEqual, prefix).where("name", .lessThan, prefix + "\u{10FFFF}")
    }
}

private struct SharedStateVersion: Decodable {
    let version: Int64
}

private struct PackageSecretRow: Decodable {
    let id: String
    let data: Data
}

private struct TokenSecretRow: Decodable {
    let token_hash: Data
    let pkcs12: Data
}
