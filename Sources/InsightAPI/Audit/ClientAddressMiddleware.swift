import Hummingbird

/// Makes the client's address available to the handlers as `RequestClient.address`, for the
/// audit trail.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = InsightRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await RequestClient.$address.withValue(context.remoteAddress?.ipAddress) {
            try await next(request, context)
        }
    }
}
