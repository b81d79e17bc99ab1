import HTTPTypes
import Hummingbird
import Logging

/// Counts and times every request (`ServerMetrics`), logs one line per request (method, path
/// without its query, operation, status, milliseconds, and the request id Hummingbird puts in
/// the logger's metadata) and answers the request id in `X-Request-Id`, so that a person who
/// reports a failure can name the log line. The query is never logged: download links carry
/// their signature there.
struct RequestObservationMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestIDField: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    let metrics: ServerMetrics
    let catalog: OperationCatalog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        metrics.requestStarted()
        defer { metrics.requestEnded() }
        let operation = catalog.operation(request.method, path: request.uri.path)?.operationID ?? request.uri.path
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // Only what no error middleware could answer reaches here.
            record(request, operation: operation, status: 500, since: started, context: context)
            throw error
        }
        record(request, operation: operation, status: response.status.code, since: started, context: context)
        response.headers[Self.requestIDField] = context.id
        return response
    }

    private func record(_ request: Request, operation: String, status: Int, since started: ContinuousClock.Instant, context: Context) {
        let duration = ContinuousClock.now - started
        metrics.recordRequest(operation: operation, status: status, duration: duration)
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        context.logger.info("Request", metadata: [
            "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "operation": "\(operation)",
            "status": "\(status)", "ms": "\(String(format: "%.1f", milliseconds))",
        ])
    }
}
