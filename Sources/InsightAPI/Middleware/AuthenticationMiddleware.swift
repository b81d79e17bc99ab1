import Hummingbird
import InsightAuth
import InsightCore

/// Demands a valid IdToken on every operation except the public ones, and makes the verified
/// principal available to the handlers through `RequestPrincipal.current`.
///
/// Public: `OPTIONS` (answered earlier by `CORSMiddleware`), `POST /provisioning`,
/// `GET /auth-information`, `GET /openapi.yaml` and `GET /packages/…` (signed links).
struct AuthenticationMiddleware<Context: RequestContext>: RouterMiddleware {
    let verifier: any TokenVerifier

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.isPublic(request) { return try await next(request, context) }
        let principal = try await verifier.principal(fromAuthorizationHeader: request.headers[.authorization])
        return try await RequestPrincipal.$current.withValue(principal) {
            try await next(request, context)
        }
    }

    static func isPublic(_ request: Request) -> Bool {
        let path = request.uri.path
        switch request.method {
        case .options: return true
        case .post: return path == "/provisioning"
        case .get: return path == "/auth-information" || path == "/openapi.yaml" || path.hasPrefix("/packages/")
        default: return false
        }
    }
}

/// The principal of the request being handled.
enum RequestPrincipal {
    @TaskLocal static var current: Principal?

    /// The current principal.
    ///
    /// - Throws: `InsightError.unauthorized` outside an authenticated request.
    static func required() throws -> Principal {
        guard let current else { throw InsightError.unauthorized("No Authorization header was provided.") }
        return current
    }
}
