import Foundation
import InsightCore
import Logging
import SQLKit

/// The store on SQL: one implementation of every store protocol for SQLite and PostgreSQL.
///
/// Each operation leases one connection; writes that touch several rows run in one transaction.
public final class SQLStore: InsightStore {
    let backend: DatabaseBackend

    private init(_ location: DatabaseLocation, logger: Logger) throws {
        self.backend = try DatabaseBackend.open(location, logger: logger)
    }

    /// Opens a connection pool to `location` and migrates the schema. If either fails, the pool is
    /// shut down before the error is thrown: no store escapes unmigrated, none is left unclosed.
    /// Call `shutdown()` when done, or use `withStore(_:logger:_:)`.
    public static func open(_ location: DatabaseLocation, logger: Logger = Logger(label: "insight.store")) async throws -> SQLStore {
        let store = try SQLStore(location, logger: logger)
        do {
            try await store.migrate()
        } catch {
            try? await store.shutdown()
            throw error
        }
        return store
    }

    /// Runs `body` with a store opened and migrated at `location`, and shuts the store down
    /// afterwards, also when `body` throws.
    public static func withStore<Result>(
        _ location: DatabaseLocation, logger: Logger = Logger(label: "insight.store"),
        _ body: (SQLStore) async throws -> Result
    ) async throws -> Result {
        let store = try await open(location, logger: logger)
        let result: Result
        do {
            result = try await body(store)
        } catch {
            try? await store.shutdown()
            throw error
        }
        try await store.shutdown()
        return result
    }

    /// Applies the migrations that `schema_migrations` does not list yet, all in one transaction.
    ///
    /// Safe to run from any number of tasks and processes at once: the transaction holds the
    /// schema lock (an advisory lock on PostgreSQL, the write lock on SQLite) from before it creates
    /// `schema_migrations` until it commits, so one migrator works while the others wait and then
    /// find nothing left to do. A failed migration leaves the schema as it was. On SQLite, a
    /// migrator that waited longer than the busy timeout (behind several others, each slow on a
    /// starved machine) asks again, for up to `migrationPatience`.
    public func migrate() async throws {
        let deadline = ContinuousClock.now + Self.migrationPatience
        while true {
            do {
                return try await migrateOnce()
            } catch where backend.isBusy(error) && ContinuousClock.now < deadline {
                continue
            }
        }
    }

    /// How long a migrator waits in all for the others before it gives up.
    static let migrationPatience = Duration.seconds(300)

    private func migrateOnce() async throws {
        let backend = self.backend
        try await transaction { db in
            try await backend.lockSchema(in: db)
            try await db.create(table: "schema_migrations")
                .ifNotExists()
                .column("version", type: .bigint, .primaryKey(autoIncrement: false))
                .column("applied", type: .bigint, .notNull)
                .run()
            let applied = Set(try await Self.appliedMigrationVersions(in: db))
            for migration in Migrations.all where !applied.contains(migration.version) {
                try await migration.apply(db)
                try await db.insert(into: "schema_migrations").columns("version", "applied")
                    .values(SQLBind(migration.version), SQLBind(Timestamp(Date()).rawValue)).run()
            }
        }
    }

    /// The versions recorded in `schema_migrations`, ascending.
    func appliedMigrationVersions() async throws -> [Int] {
        try await backend.withConnection { db in try await Self.appliedMigrationVersions(in: db) }
    }

    private static func appliedMigrationVersions(in db: any SQLDatabase) async throws -> [Int] {
        try await db.select().column("version").from("schema_migrations").orderBy("version")
            .all(decodingColumn: "version", as: Int.self)
    }

    public func checkReachable() async throws {
        _ = try await backend.withConnection { db in try await db.raw("SELECT 1").all().count }
    }

    public func poolUsage() -> [DatabasePoolUsage] { backend.usage }

    public func shutdown() async throws { try await backend.shutdown() }

    /// Brings PostgreSQL's statistics and visibility map of the events table up to date after a
    /// bulk load (`VACUUM (ANALYZE) events`), as autovacuum does within a minute or so of one; on
    /// SQLite, which keeps no statistics unless asked, nothing. Until then, the queries that
    /// follow a load of a million events run beside autovacuum's work on them, and may be planned
    /// for a far smaller table.
    public func settleEventsAfterBulkLoad() async throws {
        try await backend.settle(table: "events")
    }

    // MARK: Gateways

    public func insert(_ gateways: [Gateway], idempotency: IdempotencyRecord?) async throws {
        guard let customerID = gateways.first?.customerID else { return }
        precondition(gateways.allSatisfy { $0.customerID == customerID }, "one insert, one customer")
        precondition(idempotency.map { $0.customerID == customerID } ?? true, "the key belongs to the gateways' customer")
        try await inTransaction(conflictMessage: "A gateway name or the Idempotency-Key of this request is already used in the customer.") { db in
            let names = gateways.map(\.name)
            if let taken = try await db.select().column("name").from("gateways")
                .where("customer_id", .equal, customerID).where("name", .in, names)
                .first(decodingColumn: "name", as: String.self) {
                throw InsightError.conflict("A gateway named '\(taken)' already exists in this customer.")
            }
            try await db.insert(into: "gateways").models(gateways.map(GatewayRow.init)).run()
            if let idempotency { try await db.insert(into: "idempotency_keys").model(try IdempotencyRow(idempotency)).run() }
        }
    }

    public func idempotencyRecord(key: String, customerID: String) async throws -> IdempotencyRecord? {
        try await backend.withConnection { db in
            try await db.select().columns("*").from("idempotency_keys")
                .where("customer_id", .equal, customerID).where("key", .equal, key)
                .first(decoding: IdempotencyRow.self)?.record()
        }
    }

    public func gateway(id: UUID, customerID: String) async throws -> Gateway? {
        try await gatewayRows(where: "id", in: [id.lowercasedString], customerID: customerID).first
    }

    public func gateway(named name: String, customerID: String) async throws -> Gateway? {
        try await gatewayRows(where: "name", in: [name], customerID: customerID).first
    }

    public func gateways(ids: [UUID], customerID: String) async throws -> [UUID: Gateway] {
        let found = try await gatewayRows(where: "id", in: ids.map { $0.lowercasedString }, customerID: customerID)
        return Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func gateways(named names: [String], customerID: String) async throws -> [Gateway] {
        try await gatewayRows(where: "name", in: names, customerID: customerID)
    }

    /// The customer's gateways whose `column` holds one of `values`.
    private func gatewayRows(where column: String, in values: [String], customerID: String) async throws -> [Gateway] {
        guard !values.isEmpty else { return [] }
        return try await backend.read({ db in
            db.select().columns(GatewayRow.selectedColumns).from("gateways")
                .where("customer_id", .equal, customerID).where(SQLIdentifier(column), .in, values)
                .query
        }, row: GatewayRow.gateway(reading:))
    }

    public func gateways(customerID: String, matching search: GatewaySearch, page: PageRequest) async throws -> Page<Gateway> {
        let gateways = try await backend.read({ db in
            db.select().columns(GatewayRow.selectedColumns).from("gateways").where("customer_id", .equal, customerID)
                .matching(search)
                .keysetPage(after: page.after, limit: page.limit)
                .query
        }, row: GatewayRow.gateway(reading:))
        return Page(rows: gateways, limit: page.limit) { PageCursor(created: $0.created, id: $0.id) }
    }

    public func gatewayFacets(customerID: String) async throws -> GatewayFacets {
        try await backend.withConnection { db in
            func distinct(_ column: String) async throws -> [String] {
                try await db.select().distinct().column(column).from("gateways").where("customer_id", .equal, customerID)
                    .orderBy(column).all(decodingColumn: column, as: String.self)
            }
            return GatewayFacets(stations: try await distinct("station"), usecases: try await distinct("usecase"))
        }
    }

    public func gatewayCount(customerID: String) async throws -> Int {
        try await backend.withConnection { db in
            try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "count").from("gateways")
                .where("customer_id", .equal, customerID).first(decodingColumn: "count", as: Int.self) ?? 0
        }
    }

    public func update(_ gateway: Gateway) async throws {
        let row = GatewayRow(gateway)
        try await inTransaction(conflictMessage: "A gateway named '\(gateway.name)' already exists in this customer.") { db in
            try await Self.write([row], in: db)
        }
    }

    /// Writes each of `rows` (all of one customer) over its stored gateway if the stored
    /// version is the row's version - 1; the stored versions are read in one query, which
    /// locks the rows until the transaction ends (FOR UPDATE on PostgreSQL; SQLite's single
    /// writer needs no lock), so that no concurrent update slips in between.
    static func write(_ rows: [GatewayRow], in db: any SQLDatabase) async throws {
        guard let customerID = rows.first?.customer_id else { return }
        let versions = try await db.select().column("id").column("version").from("gateways")
            .where("customer_id", .equal, customerID).where("id", .in, rows.map(\.id))
            .for(.update)
            .all(decoding: StoredVersion.self)
        let storedVersions = Dictionary(versions.map { ($0.id, $0.version) }, uniquingKeysWith: { first, _ in first })
        for row in rows {
            guard let stored = storedVersions[row.id] else { throw InsightError.notFound("There is no gateway '\(row.id)' in this customer.") }
            guard stored == row.version - 1 else {
                throw InsightError.conflict("Gateway '\(row.name)' was modified concurrently; read it again and retry.")
            }
            try await update(row, storedVersion: stored, in: db)
        }
    }

    private struct StoredVersion: Decodable {
        let id: String
        let version: Int64
    }

    private static func update(_ row: GatewayRow, storedVersion stored: Int64, in db: any SQLDatabase) async throws {
        try await db.update("gateways")
            .set("name", to: row.name).set("usecase", to: row.usecase).set("station", to: row.station)
            .set("kind", to: row.kind).set("model", to: row.model).set("manufacturer", to: row.manufacturer)
            .set("firmware", to: row.firmware).set("provisioned", to: row.provisioned)
            .set("last_updated", to: row.last_updated).set("version", to: row.version)
            .where("customer_id", .equal, row.customer_id).where("id", .equal, row.id)
            .where("version", .equal, stored)
            .run()
    }

    // MARK: Customers

    public func insert(_ customer: Customer) async throws {
        try await inTransaction(conflictMessage: "A customer with id '\(customer.id)' already exists.") { db in
            try await db.insert(into: "customers").model(CustomerRow(customer)).run()
        }
    }

    public func customer(id: String) async throws -> Customer? {
        try await backend.withConnection { db in
            try await db.select().columns("*").from("customers").where("id", .equal, id)
                .first(decoding: CustomerRow.self)?.customer
        }
    }

    // MARK: Transactions

    /// Runs `body` in one transaction on one connection, as `transaction(_:)` does, and turns a
    /// unique-key violation (a concurrent writer won a race) into `InsightError.conflict(conflictMessage)`.
    @discardableResult
    func inTransaction<Result: Sendable>(
        conflictMessage: String = "The change conflicts with existing data.",
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> Result
    ) async throws -> Result {
        do {
            return try await transaction(body)
        } catch where backend.isUniqueViolation(error) {
            throw InsightError.conflict(conflictMessage)
        }
    }

    /// Runs `body` in one write transaction on one connection: commits when it returns (and
    /// returns what it returned), rolls back when it throws.
    @discardableResult
    private func transaction<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        let backend = self.backend
        return try await backend.withConnection { db in
            try await db.raw(SQLQueryString(backend.beginWriteTransaction)).run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}
