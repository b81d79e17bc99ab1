@preconcurrency import AsyncKit
import Foundation
import InsightCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// Where the store keeps its data, parsed from a `--database` URL.
public enum DatabaseLocation: Sendable, Equatable {
    /// An embedded SQLite file (WAL mode).
    case sqlite(path: String)
    /// A PostgreSQL server, as a `postgres://user:pass@host:port/db` URL.
    case postgres(url: String)

    /// Parses `sqlite://<path>` (also `sqlite:<path>`) or `postgres://…` / `postgresql://…`.
    ///
    /// - Throws: `DatabaseLocationError` for any other scheme or an empty SQLite path.
    public init(url: String) throws {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url: url)
        } else if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw DatabaseLocationError(url: url) }
            self = .sqlite(path: path)
        } else {
            throw DatabaseLocationError(url: url)
        }
    }
}

extension DatabaseLocation {
    /// `url` with the password of its user info replaced by `***`, for messages and logs.
    public static func redactingPassword(in url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "the database URL"
    }
}

/// A `--database` URL the store cannot use.
public struct DatabaseLocationError: Error, CustomStringConvertible {
    public let url: String
    public var description: String {
        "Unsupported database URL '\(DatabaseLocation.redactingPassword(in: url))': use sqlite://PATH or postgres://USER:PASS@HOST:PORT/DB."
    }
}

/// One connection pool and the few things that differ between the two SQL engines.
///
/// All SQL the store runs is written once with SQLKit; only connection set-up, the statement that
/// opens a write transaction and the recognition of unique-key violations differ.
enum DatabaseBackend: Sendable {
    /// One writing connection: SQLite allows a single writer anyway, and one connection
    /// serializes transactions without `SQLITE_BUSY`. Beside it, one read-only connection per core
    /// for `read`, which WAL lets read the last committed state while a write goes on.
    case sqlite(writer: SQLiteConnections, readers: SQLiteConnections)
    /// A pool of up to 4 connections per event loop to the server named `server` (`host:port`),
    /// and the libpq connections `read` runs on.
    case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>, reads: PostgresReadPool, server: String, writeLeases: LeaseCounter)

    static let postgresConnectionsPerEventLoop = 4

    static func open(_ location: DatabaseLocation, logger: Logger) throws -> DatabaseBackend {
        switch location {
        case .sqlite(let path):
            return .sqlite(
                writer: SQLiteConnections(path: path, role: .writer, count: 1, logger: logger, leases: "write"),
                readers: SQLiteConnections(path: path, role: .reader, count: System.coreCount, logger: logger, leases: "read")
            )
        case .postgres(let url):
            let server = DatabaseError.serverName(ofURL: url)
            let reads = try PostgresReadPool(url: url, server: server)
            let group = MultiThreadedEventLoopGroup.singleton
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: try SQLPostgresConfiguration(url: url)),
                maxConnectionsPerEventLoop: Self.postgresConnectionsPerEventLoop, pruneInterval: .seconds(60), logger: logger, on: group
            )
            let writeLeases = LeaseCounter(pool: "write", capacity: Self.postgresConnectionsPerEventLoop * NIOSingletons.groupLoopCountSuggestion)
            return .postgres(pool, reads: reads, server: server, writeLeases: writeLeases)
        }
    }

    /// Runs `body` on one connection leased for its whole duration (so it may hold a transaction).
    ///
    /// PostgreSQL's errors, which describe themselves only generically, are thrown as `DatabaseError`.
    func withConnection<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        switch self {
        case .sqlite(let writer, _):
            return try await writer.pool.withConnection { connection in
                connection.eventLoop.makeFutureWithTask { try await writer.leases.counting { try await body(connection.sql()) } }
            }.get()
        case .postgres(let pool, _, let server, let leases):
            do {
                return try await pool.withConnection { connection in
                    connection.eventLoop.makeFutureWithTask { try await leases.counting { try await body(connection.sql()) } }
                }.get()
            } catch let error as PSQLError {
                throw DatabaseError(error, server: server)
            }
        }
    }

    /// Runs the query that `build` makes, outside any transaction, and reads each row with `read`,
    /// column by column in the order the query selects them (see `RowColumns`): the store's
    /// reads of events, scans, gateways, devices and users take this path instead of SQLKit's
    /// `Codable` rows. The query's bound values must be strings or numbers. On SQLite the query
    /// runs on a read-only connection, on PostgreSQL through libpq (see `PostgresReadPool`).
    func read<Row: Sendable>(
        _ build: @escaping @Sendable (any SQLDatabase) -> any SQLExpression,
        row read: @escaping @Sendable (inout RowColumns) throws -> Row
    ) async throws -> [Row] {
        switch self {
        case .sqlite(_, let readers):
            return try await readers.pool.withConnection { connection in
                connection.eventLoop.makeFutureWithTask { try await readers.leases.counting {
                    let (sql, binds) = Self.serialize(build, for: connection.sql())
                    let encoder = SQLiteDataEncoder()
                    let values = try binds.map { try encoder.encode($0) }
                    let rows = NIOLockedValueBox<(rows: [Row], failure: (any Error)?)>(([], nil))
                    try await connection.query(sql, values) { row in
                        rows.withLockedValue { state in
                            guard state.failure == nil else { return }
                            var columns = RowColumns(sqlite: row)
                            do { state.rows.append(try read(&columns)) } catch { state.failure = error }
                        }
                    }
                    return try rows.withLockedValue { state in
                        if let failure = state.failure { throw failure }
                        return state.rows
                    }
                } }
            }.get()
        case .postgres(let pool, let reads, _, _):
            // The pool's database only lends its dialect here: nothing runs on it.
            let (sql, binds) = Self.serialize(build, for: pool.database(logger: Self.unusedLogger).sql())
            return try await reads.read(sql, binds: try binds.map(Self.postgresText), row: read)
        }
    }

    /// The logger of a database that only serializes queries (it never logs).
    private static let unusedLogger = Logger(label: "insight.store.serialization")

    /// The SQL text and bound values of the query `build` makes for `database`'s dialect.
    private static func serialize(
        _ build: (any SQLDatabase) -> any SQLExpression, for database: any SQLDatabase
    ) -> (sql: String, binds: [any Encodable & Sendable]) {
        var serializer = SQLSerializer(database: database)
        build(database).serialize(to: &serializer)
        return (serializer.sql, serializer.binds)
    }

    /// `value` in PostgreSQL's text format; `read`'s queries bind strings and numbers only.
    private static func postgresText(_ value: any Encodable & Sendable) throws -> String {
        switch value {
        case let text as String: text
        case let number as Int64: String(number)
        case let number as Int: String(number)
        case let number as Double: "\(number)"
        default: throw UnsupportedBind(type: "\(type(of: value))")
        }
    }

    /// A value `read` cannot bind (see `append(_:to:)`).
    struct UnsupportedBind: Error, CustomStringConvertible {
        let type: String
        var description: String { "A query of the store binds a \(type), which its row reader cannot bind." }
    }

    /// The statement that opens a transaction that will write.
    var beginWriteTransaction: String {
        switch self {
        case .sqlite: "BEGIN IMMEDIATE"
        case .postgres: "BEGIN"
        }
    }

    /// Whether `error` reports a violated unique key.
    /// What makes a `SELECT` in a write transaction lock the rows it reads and pass over rows
    /// other transactions hold, so that concurrent workers each take different rows: `FOR UPDATE
    /// SKIP LOCKED` on PostgreSQL; nothing on SQLite, whose write transaction (`BEGIN IMMEDIATE`)
    /// already excludes every other writer.
    var lockRowsSkippingLocked: (any SQLExpression)? {
        switch self {
        case .sqlite: nil
        case .postgres: SQLRaw("FOR UPDATE SKIP LOCKED")
        }
    }

    func isUniqueViolation(_ error: any Error) -> Bool {
        switch self {
        case .sqlite: (error as? SQLiteError)?.reason == .constraintUniqueFailed
        case .postgres: (error as? DatabaseError)?.sqlState == PostgresError.Code.uniqueViolation.raw
        }
    }

    /// Whether `error` is SQLite's answer that another connection holds the write lock longer
    /// than the busy timeout (never on PostgreSQL, whose writers queue for locks).
    func isBusy(_ error: any Error) -> Bool {
        switch self {
        case .sqlite: (error as? SQLiteError)?.reason == .busy
        case .postgres: false
        }
    }

    /// Makes the write transaction just opened on `db` the only one that changes the schema until it
    /// ends, in this process or any other. SQLite's `BEGIN IMMEDIATE` already holds the database's
    /// single write lock; PostgreSQL takes a transaction-scoped advisory lock (per database).
    func lockSchema(in db: any SQLDatabase) async throws {
        switch self {
        case .sqlite: return
        case .postgres: try await db.raw("SELECT pg_advisory_xact_lock(\(bind: Self.schemaLockKey))").run()
        }
    }

    /// Brings the planner's statistics and visibility map of `table` up to date after a bulk load:
    /// `VACUUM (ANALYZE)` on PostgreSQL (outside any transaction, as it must run); nothing on
    /// SQLite, which keeps no statistics unless asked.
    func settle(table: String) async throws {
        switch self {
        case .sqlite: return
        case .postgres: try await withConnection { db in try await db.raw("VACUUM (ANALYZE) \(ident: table)").run() }
        }
    }

    /// The advisory lock key of schema changes: the ASCII bytes of "insightM" as a 64-bit integer.
    static let schemaLockKey: Int = 0x696E_7369_6768_744D

    /// How many connections of each pool are lent out now, and how many may be.
    var usage: [DatabasePoolUsage] {
        switch self {
        case .sqlite(let writer, let readers): [writer.leases.usage, readers.leases.usage]
        case .postgres(_, let reads, _, let writeLeases): [writeLeases.usage, reads.leases.usage]
        }
    }

    /// Closes the connections, each kind also when the one before failed; throws the first failure.
    func shutdown() async throws {
        switch self {
        case .sqlite(let writer, let readers):
            var failure: (any Error)?
            do { try await readers.shutdown() } catch { failure = error }
            do { try await writer.shutdown() } catch { failure = failure ?? error }
            if let failure { throw failure }
        case .postgres(let pool, let reads, _, _):
            var failure: (any Error)?
            do { try await reads.shutdown() } catch { failure = error }
            do { try await pool.shutdownAsync() } catch { failure = failure ?? error }
            if let failure { throw failure }
        }
    }
}

/// `count` connections to one SQLite file, on an event loop and `count` threads of their own,
/// never on Swift's shared cooperative pool, which CPU-bound work elsewhere in the process may
/// hold for seconds; and not on threads shared with another store, so that one store waiting for
/// SQLite's lock (up to the busy timeout) never holds up the store it waits for.
struct SQLiteConnections: Sendable {
    let pool: EventLoopGroupConnectionPool<TunedSQLiteConnectionSource>
    /// The connections lent out now.
    let leases: LeaseCounter
    private let group: MultiThreadedEventLoopGroup
    private let threads: NIOThreadPool

    /// - Parameter leases: the pool's name in `DatabasePoolUsage`.
    init(path: String, role: TunedSQLiteConnectionSource.Role, count: Int, logger: Logger, leases: String) {
        self.leases = LeaseCounter(pool: leases, capacity: count)
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        threads = NIOThreadPool(numberOfThreads: count)
        threads.start()
        pool = EventLoopGroupConnectionPool(
            source: TunedSQLiteConnectionSource(path: path, threads: threads, role: role), maxConnectionsPerEventLoop: count,
            // Longer than the busy timeout: a request may wait for a connection while its holder
            // waits for another process's lock.
            requestTimeout: TunedSQLiteConnectionSource.busyTimeout + .seconds(30),
            pruneInterval: nil, logger: logger, on: group
        )
    }

    /// Closes the connections, then their event loop and threads, each also when the one before
    /// failed; throws the first failure.
    func shutdown() async throws {
        var failure: (any Error)?
        do { try await pool.shutdownAsync() } catch { failure = error }
        do { try await group.shutdownGracefully() } catch { failure = failure ?? error }
        do { try await threads.shutdownGracefully() } catch { failure = failure ?? error }
        if let failure { throw failure }
    }
}

/// Opens SQLite connections tuned for a server: a busy timeout; for the writer WAL journal and
/// foreign keys on, for readers nothing but reading (`query_only`).
struct TunedSQLiteConnectionSource: ConnectionPoolSource {
    enum Role {
        /// Switches the file to WAL (the store's first connection: it migrates before anything reads).
        case writer
        case reader
    }

    let path: String
    /// Where the connections' blocking calls run.
    let threads: NIOThreadPool
    let role: Role

    /// How long a writer waits for another's lock: a writer that waits is better than one that
    /// fails, and the holder may be a process starved of CPU (on 2 cores, seconds are possible).
    static let busyTimeout = TimeAmount.seconds(30)

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        SQLiteConnection.open(storage: .file(path: path), threadPool: threads, logger: logger, on: eventLoop).flatMap { connection in
            let busyTimeout = connection.query("PRAGMA busy_timeout = \(Self.busyTimeout.nanoseconds / 1_000_000)")
            let tuned: EventLoopFuture<Void> = switch role {
            case .writer:
                busyTimeout
                    .flatMap { _ in Self.switchToWAL(connection, on: eventLoop, deadline: .now() + Self.busyTimeout) }
                    .flatMap { connection.query("PRAGMA synchronous = NORMAL") }
                    .flatMap { _ in connection.query("PRAGMA foreign_keys = ON") }.map { _ in }
            case .reader:
                busyTimeout.flatMap { _ in connection.query("PRAGMA query_only = ON") }.map { _ in }
            }
            return tuned.map { connection }.flatMapError { error in connection.close().flatMapThrowing { throw error } }
        }
    }

    /// Puts the database in WAL mode. A new file is still in rollback mode, where the switch
    /// needs the exclusive lock; when several processes open it at once, SQLite answers all but
    /// one with `SQLITE_BUSY` at once rather than waiting (waiting could deadlock). So a busy
    /// answer is retried every 20 ms until `deadline`.
    private static func switchToWAL(_ connection: SQLiteConnection, on eventLoop: any EventLoop, deadline: NIODeadline) -> EventLoopFuture<Void> {
        connection.query("PRAGMA journal_mode = WAL").map { _ in }.flatMapError { error in
            guard (error as? SQLiteError)?.reason == .busy, NIODeadline.now() < deadline else { return eventLoop.makeFailedFuture(error) }
            return eventLoop.flatScheduleTask(in: .milliseconds(20)) { switchToWAL(connection, on: eventLoop, deadline: deadline) }.futureResult
        }
    }
}
