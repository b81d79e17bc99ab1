import Hummingbird
import InsightAuth
import InsightCore

/// Demands a valid IdToken on every operation except the public ones, and makes the principal
/// available to the handlers through `RequestPrincipal.current`: the stored user the token names,
/// with the roles stored now (`PrincipalResolver`), not those the token was issued with.
///
/// Public are the operations the document marks `security: []` (every `OPTIONS`,
/// `POST /provisioning`, `GET /auth-information`, `GET /packages/{package_id}`) and the document
/// itself, `GET /openapi.yaml`. A request for no documented operation passes on unauthenticated,
/// so that it is answered 404 or 405 whether or not it carries a token.
struct AuthenticationMiddleware<Context: RequestContext>: RouterMiddleware {
    let verifier: any TokenVerifier
    let resolver: PrincipalResolver
    let catalog: OperationCatalog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard needsToken(request) else { return try await next(request, context) }
        let identity = try await verifier.identity(fromAuthorizationHeader: request.headers[.authorization])
        let principal = try await resolver.principal(for: identity)
        return try await RequestPrincipal.$current.withValue(principal) {
            try await next(request, context)
        }
    }

    func needsToken(_ request: Request) -> Bool {
        if request.method == .get, request.uri.path == OpenAPIDocumentRoute.path { return false }
        guard let operation = catalog.operation(request.method, path: request.uri.path) else { return false }
        return !operation.isPublic
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
