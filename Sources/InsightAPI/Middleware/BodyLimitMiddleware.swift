import Hummingbird
import InsightCore
import NIOCore

/// Refuses request bodies larger than `limit` bytes with 413 before any handler decodes them.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// 1 MiB: a bulk-create of 500 gateways with 256-character fields stays well below it.
    static var limit: Int { 1 << 20 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let tooLarge = InsightError.payloadTooLarge("The request body exceeds \(Self.limit) bytes (1 MiB).")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.limit { throw tooLarge }
        var request = request
        do {
            _ = try await request.collectBody(upTo: Self.limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
        return try await next(request, context)
    }
}
