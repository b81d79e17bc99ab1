import Foundation
import HTTPTypes
import Hummingbird
import InsightCore
import Logging
import OpenAPIRuntime

/// Renders every error as JSON `{"title", "details"}` with the matching status code.
///
/// `InsightError`s pass through as they are; request decoding failures of the generated server
/// become 400; a database that is unavailable for a moment (`TemporaryUnavailability`) is 503
/// with `Retry-After`; Hummingbird's own errors (unknown route, body too large) keep their status; any
/// other error is logged and answered with a generic 500 that reveals nothing. A documented path
/// asked with a method it lacks is answered 405 with `Allow`, not the router's 404.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let catalog: OperationCatalog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where [.notFound, .methodNotAllowed].contains(error.status) {
            let allowed = catalog.methods(forPath: request.uri.path)
            guard !allowed.isEmpty else { return Self.response(for: Self.insightError(for: error)) }
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            var response = Self.response(for: InsightError(.badRequest, title: "Method Not Allowed", details: "\(request.uri.path) allows \(allow), not \(request.method.rawValue)."))
            response.status = .methodNotAllowed
            response.headers[.allow] = allow
            return response
        } catch {
            let insightError = Self.insightError(for: error)
            if insightError.kind == .internalError || insightError.kind == .serviceUnavailable {
                context.logger.error("Request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            }
            return Self.response(for: insightError)
        }
    }

    static func insightError(for error: any Error) -> InsightError {
        switch error {
        case let error as InsightError:
            return error
        case let error as any TemporaryUnavailability where error.isTemporaryUnavailability:
            return .serviceUnavailable("The service's database is unavailable for a moment; try again shortly.", retryAfterSeconds: 2)
        case let error as ServerError:
            // A handler's own failure (its input decoded) is judged as itself: a database error
            // is no fault of the request. A request that did not decode is the client's.
            if error.underlyingError is InsightError || error.operationInput != nil && !(error.underlyingError is DecodingError) {
                return insightError(for: error.underlyingError)
            }
            return .badRequest("The request does not match the API: \(Self.describe(error.underlyingError)).")
        case let error as HTTPError:
            switch error.status {
            case .notFound, .methodNotAllowed: return .notFound("There is no operation for this method and path.")
            case .contentTooLarge: return .payloadTooLarge("The request body exceeds \(BodyLimitMiddleware<Context>.limit) bytes.")
            default: return .badRequest(error.body ?? "The request was rejected.")
            }
        default:
            return .internalError()
        }
    }

    static func response(for error: InsightError) -> Response {
        let status: HTTPResponse.Status = switch error.kind {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .tooManyRequests: .tooManyRequests
        case .requestTimeout: .requestTimeout
        case .serviceUnavailable: .serviceUnavailable
        case .internalError: .internalServerError
        }
        let body = (try? JSONEncoder().encode(["title": error.title, "details": error.details])) ?? Data()
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let seconds = error.retryAfterSeconds { headers[.retryAfter] = String(seconds) }
        if error.kind == .requestTimeout { headers[.connection] = "close" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A short description of a decoding failure that names the offending field.
    private static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return joined.isEmpty ? "the body" : String(joined.drop(while: { $0 == "." }))
        }
        switch decoding {
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue) is missing".replacingOccurrences(of: "the body.", with: "")
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context): return "\(path(context)) is not valid: \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
