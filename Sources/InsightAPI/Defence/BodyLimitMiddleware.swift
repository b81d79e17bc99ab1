import Hummingbird
import InsightCore
import NIOCore

/// Refuses request bodies larger than the operation's limit with 413 before any handler decodes
/// them: 1 MiB for JSON bodies, more for the file uploads listed in `uploadLimits`; and bodies
/// that do not arrive whole within `timeout` with 408 (the connection is closed), so that a
/// client that promises 100 bytes and sends 1 holds no connection for long.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// 1 MiB: a bulk-create of 500 gateways with 256-character fields stays well below it.
    static var limit: Int { 1 << 20 }
    /// Operations that take files, by operation id, with their own limit.
    static var uploadLimits: [String: Int] { ["putDeviceConfig": DeviceConfigService.maximumFileSize] }

    let catalog: OperationCatalog
    /// How long a whole body may take to arrive.
    let timeout: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let operation = catalog.operation(request.method, path: request.uri.path)
        let limit = operation.flatMap { Self.uploadLimits[$0.operationID] } ?? Self.limit
        let tooLarge = InsightError.payloadTooLarge("The request body exceeds \(limit) bytes (\(limit >> 20) MiB).")
        let length = request.headers[.contentLength].flatMap(Int.init)
        if let length, length > limit { throw tooLarge }
        // A request without a body (most GETs) needs neither the collection nor its timer.
        if length == 0 || (length == nil && request.headers[.transferEncoding] == nil) { return try await next(request, context) }
        var request = request
        do {
            request.body = .init(buffer: try await collect(request.body, upTo: limit))
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
        return try await next(request, context)
    }

    /// The whole body, or `requestTimeout` once `timeout` has passed without it.
    private func collect(_ body: RequestBody, upTo limit: Int) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let collected = try await group.next(), let buffer = collected else {
                throw InsightError.requestTimeout("The request body did not arrive within \(timeout.components.seconds) s.")
            }
            return buffer
        }
    }
}
