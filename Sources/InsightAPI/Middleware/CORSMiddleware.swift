import HTTPTypes
import Hummingbird

/// Adds the CORS headers the seed lists to every response, errors included, and answers every
/// `OPTIONS` request (the seed's "CORS support" operations) with 200 without authentication.
struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headers: HTTPFields {
        [
            .accessControlAllowOrigin: "*",
            .accessControlAllowMethods: "GET,POST,PUT,PATCH,DELETE,OPTIONS",
            .accessControlAllowHeaders: "Authorization,Content-Type,Idempotency-Key,File-Name,X-Amz-Date,X-Api-Key,X-Amz-Security-Token",
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .options {
            return Response(status: .ok, headers: Self.headers)
        }
        var response = try await next(request, context)
        for field in Self.headers { response.headers[field.name] = field.value }
        return response
    }
}
