import HTTPTypes
import Hummingbird

/// Marks every response, errors included, `X-Content-Type-Options: nosniff` and, unless its
/// handler chose a cache policy, `Cache-Control: no-store`. Nearly every answer carries a secret
/// or a customer's data (redeemed keys, provisioning tokens and QR payloads, signed links,
/// packages, exports), which no browser or proxy cache should keep; the few public ones cost
/// nothing to fetch again.
struct NoStoreMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
