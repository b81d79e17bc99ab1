/// An error that the API shows to its caller as `{"title": ..., "details": ...}`.
///
/// Every failure that a caller can cause or should learn about is an `InsightError`; anything else
/// reaching the HTTP layer is an internal error whose details are logged, never shown.
public struct InsightError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of failure, which the HTTP layer maps to a status code.
    public enum Kind: Sendable, Equatable {
        case badRequest, unauthorized, forbidden, notFound, conflict, payloadTooLarge, tooManyRequests, requestTimeout, serviceUnavailable, internalError
    }

    public let kind: Kind
    /// A short, stable title such as "Bad Request".
    public let title: String
    /// What exactly failed and where, for a person to act on.
    public let details: String
    /// With `tooManyRequests` and `serviceUnavailable`: the seconds after which the caller may
    /// try again (`Retry-After`).
    public let retryAfterSeconds: Int?

    public init(_ kind: Kind, title: String, details: String, retryAfterSeconds: Int? = nil) {
        self.kind = kind
        self.title = title
        self.details = details
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(title): \(details)" }

    public static func badRequest(_ details: String) -> InsightError {
        InsightError(.badRequest, title: "Bad Request", details: details)
    }

    public static func unauthorized(_ details: String) -> InsightError {
        InsightError(.unauthorized, title: "Unauthorized", details: details)
    }

    public static func forbidden(_ details: String) -> InsightError {
        InsightError(.forbidden, title: "Forbidden", details: details)
    }

    public static func notFound(_ details: String) -> InsightError {
        InsightError(.notFound, title: "Not Found", details: details)
    }

    public static func conflict(_ details: String) -> InsightError {
        InsightError(.conflict, title: "Conflict", details: details)
    }

    public static func payloadTooLarge(_ details: String) -> InsightError {
        InsightError(.payloadTooLarge, title: "Payload Too Large", details: details)
    }

    public static func tooManyRequests(_ details: String, retryAfterSeconds: Int) -> InsightError {
        InsightError(.tooManyRequests, title: "Too Many Requests", details: details, retryAfterSeconds: retryAfterSeconds)
    }

    /// A part the server needs (its database) is unavailable for a moment: 503, which clients
    /// and load balancers may retry after `retryAfterSeconds`.
    public static func serviceUnavailable(_ details: String, retryAfterSeconds: Int) -> InsightError {
        InsightError(.serviceUnavailable, title: "Service Unavailable", details: details, retryAfterSeconds: retryAfterSeconds)
    }

    public static func requestTimeout(_ details: String) -> InsightError {
        InsightError(.requestTimeout, title: "Request Timeout", details: details)
    }

    public static func internalError(_ details: String = "The server failed to complete the request.") -> InsightError {
        InsightError(.internalError, title: "Internal Server Error", details: details)
    }
}

/// An error that may mean a part the server needs (its database) is unavailable for a moment
/// (restarting, failing over) rather than that the request was wrong: such requests are answered
/// 503 with `Retry-After`, which clients and load balancers retry.
public protocol TemporaryUnavailability: Error {
    /// Whether this error is such a moment's unavailability.
    var isTemporaryUnavailability: Bool { get }
}
