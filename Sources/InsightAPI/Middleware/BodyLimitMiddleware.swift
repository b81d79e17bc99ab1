import Hummingbird
import InsightCore
import NIOCore

/// Refuses request bodies larger than the operation's limit with 413 before any handler decodes
/// them: 1 MiB for JSON bodies, more for the file uploads listed in `uploadLimits`.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// 1 MiB: a bulk-create of 500 gateways with 256-character fields stays well below it.
    static var limit: Int { 1 << 20 }
    /// Operations that take files, by operation id, with their own limit.
    static var uploadLimits: [String: Int] { ["putDeviceConfig": DeviceConfigService.maximumFileSize] }

    let catalog: OperationCatalog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let operation = catalog.operation(request.method, path: request.uri.path)
        let limit = operation.flatMap { Self.uploadLimits[$0.operationID] } ?? Self.limit
        let tooLarge = InsightError.payloadTooLarge("The request body exceeds \(limit) bytes (\(limit >> 20) MiB).")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge }
        var request = request
        do {
            _ = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
        return try await next(request, context)
    }
}
