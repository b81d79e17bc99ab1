import Foundation
import InsightCore
import PostgresKit

/// A failure of the database itself, worded for the person who runs the server: which engine,
/// the SQL state, and the server's own message (or why no connection could be made).
///
/// PostgresNIO's `PSQLError` hides all of this behind a generic description; the store throws this
/// instead. It never holds the connection URL's user or password, nor the query text or its
/// bound values (the server's message may quote a value it rejected, as PostgreSQL words it).
public struct DatabaseError: Error, Sendable, CustomStringConvertible, TemporaryUnavailability {
    /// The five-character SQLSTATE of a server error (`23505` for a unique violation), else nil.
    public let sqlState: String?
    /// What went wrong, as one sentence.
    public let description: String
    /// Whether no connection could be made or the server went away, as while PostgreSQL restarts.
    let isConnectionFailure: Bool

    init(sqlState: String?, description: String, isConnectionFailure: Bool = false) {
        self.sqlState = sqlState
        self.description = description
        self.isConnectionFailure = isConnectionFailure
    }

    /// Connection failures, and the server's states of shutting down, starting up, crashing,
    /// running out of connection slots or losing the connection (SQLSTATE class 08, 57P01-57P03,
    /// 53300): the database is there again in a moment.
    public var isTemporaryUnavailability: Bool {
        guard let sqlState else { return isConnectionFailure }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(sqlState)
    }

    /// Describes `error`, raised while talking to the PostgreSQL server at `server` (`host:port`).
    ///
    /// A server error keeps its SQLSTATE, message and hint; the server's `detail` field is left out
    /// because it may quote row values (a duplicate key, for example).
    public init(_ error: PSQLError, server: String) {
        if error.code == .server, let info = error.serverInfo {
            self.init(serverReportFrom: server, sqlState: info[.sqlState], message: info[.message], hint: info[.hint])
        } else if error.code == .connectionError || error.code == .serverClosedConnection {
            let cause = error.underlying.map { ": \(String(describing: $0))" } ?? ""
            self.init(
                sqlState: nil,
                description: "Cannot reach PostgreSQL at \(server)\(cause). Is PostgreSQL running there, and does the database URL (--database or INSIGHT_DATABASE_URL) name its host and port?",
                isConnectionFailure: true
            )
        } else {
            let cause = error.underlying.map { " (\(String(describing: $0)))" } ?? ""
            self.init(sqlState: nil, description: "PostgreSQL at \(server) failed: \(error.code)\(cause).")
        }
    }

    /// An error the server at `server` reported: its SQLSTATE, message and hint (never its detail).
    init(serverReportFrom server: String, sqlState: String?, message: String?, hint: String?) {
        var text = "PostgreSQL at \(server) reported"
        if let sqlState { text += " SQLSTATE \(sqlState)" }
        text += ": \(message ?? "an error without a message")"
        if let hint { text += " (hint: \(hint))" }
        if let advice = sqlState.flatMap({ Self.advice[$0] }) { text += ". \(advice)" }
        self.init(sqlState: sqlState, description: text)
    }

    /// What to do about the server errors a person who runs Insight meets, by SQLSTATE.
    static let advice: [String: String] = [
        "42501": "The database user lacks a privilege Insight needs (it creates its tables): use a database the user owns (createdb -O USER NAME), or have the owner run GRANT CREATE, USAGE ON SCHEMA public TO USER",
        "28P01": "The password was refused: check the user and password in the database URL (--database or INSIGHT_DATABASE_URL)",
        "28000": "The server refuses this user from this address: check the user in the database URL and the server's pg_hba.conf",
        "3D000": "The database does not exist: create it (createdb NAME), or name an existing one in the database URL",
        "53300": "The server has no free connection slot: raise its max_connections, or run fewer processes against it",
        "57P03": "The server is starting up or shutting down: try again in a moment",
    ]

    /// `host:port` of a `postgres://` URL, without its user and password.
    public static func serverName(ofURL url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "the configured server" }
        return "\(host):\(components.port ?? 5432)"
    }
}
