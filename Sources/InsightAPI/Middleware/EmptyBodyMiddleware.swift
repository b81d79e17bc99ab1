import Hummingbird
import NIOCore

/// Treats a POST without body and without `Content-Type` as the JSON `{}`, so that operations
/// whose body is optional (reissue) accept a bare `curl -X POST`; operations that need a body
/// still answer 400 naming the missing field.
struct EmptyBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, request.headers[.contentType] == nil else { return try await next(request, context) }
        var request = request
        let body = try await request.collectBody(upTo: BodyLimitMiddleware<Context>.limit)
        guard body.readableBytes == 0 else { return try await next(request, context) }
        var head = request.head
        head.headerFields[.contentType] = "application/json"
        return try await next(Request(head: head, body: .init(buffer: ByteBuffer(string: "{}"))), context)
    }
}
