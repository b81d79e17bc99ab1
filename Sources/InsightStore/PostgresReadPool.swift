import CLibPQ
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The connections the store's row reads run on with PostgreSQL (`DatabaseBackend.read`), through
/// libpq; writes, transactions and migrations stay on PostgresNIO.
///
/// Why a second client: through PostgresNIO, reading 500 gateway rows took 3.1 ms, most of it the
/// work it does per cell (a buffer slice, a column name and a generic decode each). libpq parses a
/// whole result in C, and `RowColumns` reads the values straight from its buffers; the same read
/// takes about 1.5 ms (`insight bench api`).
///
/// Contract: each query is one read-only statement outside any transaction, run on whichever
/// connection is idle (so it sees what was committed before it began). Up to `threadCount` queries
/// run at once, each blocking one of the pool's own threads (never Swift's cooperative pool); the
/// others wait in line. A connection found broken (the server restarted, say) is closed and the
/// query is tried once more on a new one. Queries bind text (libpq's text format, each value's type
/// inferred by the server) and answer rows in text.
final class PostgresReadPool: Sendable {
    private let connectionAttempts: [[(keyword: String, value: String)]]
    /// `host:port`, for messages.
    private let server: String
    private let threads: NIOThreadPool
    private let idle = NIOLockedValueBox<[PostgresReadConnection]>([])
    /// The connections running a read now.
    let leases = LeaseCounter(pool: "read", capacity: PostgresReadPool.threadCount)

    /// At most this many reads run at once (and so this many connections stay open).
    static let threadCount = max(4, 2 * System.coreCount)

    /// A pool for the database at `url` (a `postgres://` URL as `DatabaseLocation` accepts it); it
    /// connects when first used.
    init(url: String, server: String) throws {
        connectionAttempts = try Self.connectionAttempts(url: url)
        self.server = server
        threads = NIOThreadPool(numberOfThreads: Self.threadCount)
        threads.start()
    }

    /// Runs `sql` with `binds` for `$1`, `$2`, … and reads each row of the result with `read`.
    ///
    /// - Throws: `DatabaseError` when the server refuses the query or cannot be reached; what
    ///   `read` throws.
    func read<Row: Sendable>(_ sql: String, binds: [String], row read: @escaping @Sendable (inout RowColumns) throws -> Row) async throws -> [Row] {
        try await threads.runIfActive { try self.leases.counting {
            let result = try self.onAnyConnection { connection in try connection.execute(sql, binds: binds, server: self.server) }
            defer { PQclear(result) }
            var rows: [Row] = []
            rows.reserveCapacity(Int(PQntuples(result)))
            for row in 0..<PQntuples(result) {
                var columns = RowColumns(postgres: result, row: row)
                rows.append(try read(&columns))
            }
            return rows
        } }
    }

    /// Waits for the reads under way, then closes every connection.
    func shutdown() async throws {
        try await threads.shutdownGracefully()
        idle.withLockedValue { $0.removeAll() }
    }

    /// Runs `body` on an idle connection (a new one when none is idle) and puts the connection
    /// back afterwards. When `body` fails because a reused connection broke, it runs once more on
    /// a new connection.
    private func onAnyConnection<Result>(_ body: (PostgresReadConnection) throws -> Result) throws -> Result {
        var reused = idle.withLockedValue { $0.popLast() }
        while true {
            let connection = try reused ?? PostgresReadConnection(attempts: connectionAttempts, server: server)
            do {
                let result = try body(connection)
                idle.withLockedValue { $0.append(connection) }
                return result
            } catch {
                guard connection.isBroken else {
                    idle.withLockedValue { $0.append(connection) }
                    throw error
                }
                guard reused != nil else { throw error }
                reused = nil
            }
        }
    }

    /// libpq's connection keywords for `url`, one list per way to connect, to be tried in order
    /// while the server refuses TLS: the URL itself (libpq reads its host, port, user, password and
    /// database) without its query, then the TLS settings, the client encoding and the
    /// application name.
    ///
    /// The TLS mode is read as PostgresKit reads it for the other connections (`tlsmode`,
    /// `sslmode`, `ssl` or `tls`, the last one winning; none is `prefer`) and kept to PostgresKit's
    /// meaning, which checks the certificate and the host name whenever TLS is used: `disable` and
    /// `false` connect without TLS; `require`, `verify-ca` and `verify-full` as libpq's
    /// `verify-full` against the system's trusted roots; `prefer`, `allow` and `true` the same,
    /// and without TLS only when the server does not offer it.
    ///
    /// - Throws: `DatabaseLocationError` for a URL that is not one, or a TLS mode neither client knows.
    static func connectionAttempts(url: String) throws -> [[(keyword: String, value: String)]] {
        guard var components = URLComponents(string: url) else { throw DatabaseLocationError(url: url) }
        let mode = components.queryItems?.last { ["tlsmode", "sslmode", "ssl", "tls"].contains($0.name.lowercased()) }?.value ?? "prefer"
        components.query = nil
        let verified = [("sslmode", "verify-full"), ("sslrootcert", systemTrustedRoots)]
        let plain = [("sslmode", "disable")]
        let tlsChoices: [[(String, String)]]
        switch mode {
        case "disable", "false": tlsChoices = [plain]
        case "require", "verify-ca", "verify-full": tlsChoices = [verified]
        case "prefer", "allow", "true": tlsChoices = [verified, plain]
        default: throw DatabaseLocationError(url: url)
        }
        let common = [("client_encoding", "UTF8"), ("application_name", "insight")]
        return tlsChoices.map { tls in [(keyword: "dbname", value: components.string ?? url)] + (tls + common).map { (keyword: $0.0, value: $0.1) } }
    }

    /// Debian's bundle of the system's trusted certificate authorities (`ca-certificates`).
    static let systemTrustedRoots = "/etc/ssl/certs/ca-certificates.crt"
}

/// One libpq connection; used by one thread at a time, closed when released.
private final class PostgresReadConnection: @unchecked Sendable {
    private let handle: OpaquePointer

    /// Connects with the first of `attempts` (see `PostgresReadPool.connectionAttempts(url:)`),
    /// or the next one while the server answers that it does not offer TLS.
    ///
    /// - Throws: `DatabaseError` naming `server` and libpq's reason when no connection can be made.
    init(attempts: [[(keyword: String, value: String)]], server: String) throws {
        var reason = "no way to connect"
        for keywords in attempts {
            let connection = withCStrings(keywords.map(\.keyword)) { names in
                withCStrings(keywords.map(\.value)) { values in PQconnectdbParams(names, values, 1) }
            }
            guard let connection else { throw DatabaseError(sqlState: nil, description: "Cannot reach PostgreSQL at \(server): libpq is out of memory.") }
            if PQstatus(connection) == CONNECTION_OK {
                handle = connection
                return
            }
            reason = Self.errorMessage(of: connection)
            PQfinish(connection)
            // libpq's words (untranslated: this process keeps the C locale) for a server without TLS.
            guard reason.contains("server does not support SSL") else { break }
        }
        throw DatabaseError(sqlState: nil, description: "Cannot reach PostgreSQL at \(server) (libpq): \(reason).")
    }

    deinit { PQfinish(handle) }

    /// Whether the connection can no longer be used (the server closed it, or the network failed).
    var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }

    /// Runs `sql` with `binds` as text parameters; answers the rows (the caller clears the result).
    ///
    /// - Throws: `DatabaseError` with the server's SQLSTATE, message and hint (not its detail,
    ///   which may quote row values), or why the connection failed.
    func execute(_ sql: String, binds: [String], server: String) throws -> OpaquePointer {
        if binds.contains(where: { $0.utf8.contains(0) }) {
            throw DatabaseError(sqlState: nil, description: "A value for PostgreSQL at \(server) holds a NUL character, which PostgreSQL text cannot hold.")
        }
        let result = withCStrings(binds) { values in
            PQexecParams(handle, sql, Int32(binds.count), nil, values, nil, nil, 0)
        }
        guard let result else {
            throw DatabaseError(sqlState: nil, description: "PostgreSQL at \(server) failed (libpq): \(Self.errorMessage(of: handle)).")
        }
        guard PQresultStatus(result) == PGRES_TUPLES_OK else {
            defer { PQclear(result) }
            guard let state = Self.field(insight_pq_diag_sqlstate, of: result) else {
                throw DatabaseError(sqlState: nil, description: "Cannot reach PostgreSQL at \(server) (libpq): \(Self.errorMessage(of: handle)).")
            }
            throw DatabaseError(
                serverReportFrom: server, sqlState: state, message: Self.field(insight_pq_diag_message_primary, of: result),
                hint: Self.field(insight_pq_diag_message_hint, of: result)
            )
        }
        return result
    }

    private static func field(_ code: Int32, of result: OpaquePointer) -> String? {
        PQresultErrorField(result, code).map { String(cString: $0) }
    }

    private static func errorMessage(of connection: OpaquePointer) -> String {
        PQerrorMessage(connection).map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "no reason given"
    }
}

/// Calls `body` with `strings` as a C array of NUL-terminated strings, valid during the call.
private func withCStrings<Result>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> Result) -> Result {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
}
