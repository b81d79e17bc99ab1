import Foundation
import PostgresKit

/// A failure of the database itself, worded for the person who runs the server: which engine,
/// the SQL state, and the server's own message (or why no connection could be made).
///
/// PostgresNIO's `PSQLError` hides all of this behind a generic description; the store throws this
/// instead. It never holds the connection URL's user or password, nor the query text or its
/// bound values (the server's message may quote a value it rejected, as PostgreSQL words it).
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE of a server error (`23505` for a unique violation), else nil.
    public let sqlState: String?
    /// What went wrong, as one sentence.
    public let description: String

    init(sqlState: String?, description: String) {
        self.sqlState = sqlState
        self.description = description
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
            self.init(sqlState: nil, description: "Cannot reach PostgreSQL at \(server)\(cause).")
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
        self.init(sqlState: sqlState, description: text)
    }

    /// `host:port` of a `postgres://` URL, without its user and password.
    public static func serverName(ofURL url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "the configured server" }
        return "\(host):\(components.port ?? 5432)"
    }
}
