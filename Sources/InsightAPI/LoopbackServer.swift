import Foundation
import Hummingbird
import Logging

/// Runs the API on a free loopback port for exactly as long as `body` runs, then stops it.
///
/// This is the embedded server of `insight onboard` without `--server`: `body` gets the URL to
/// reach it at. The server's own logs are kept to critical ones, since stopping it by
/// cancellation logs errors that mean nothing here.
///
/// - Throws: `LoopbackServerError` when the server does not start; whatever `body` throws.
public func withLoopbackServer<Result: Sendable>(
    _ configuration: ServerConfiguration, _ body: (URL) async throws -> Result
) async throws -> Result {
    var quiet = Logger(label: "insight.embedded")
    quiet.logLevel = .critical
    var loopback = configuration
    loopback.host = "127.0.0.1"
    loopback.port = 0
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let app = try buildApplication(loopback, logger: quiet) { port in portContinuation.yield(port) }
    return try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask {
            try await app.runService(gracefulShutdownSignals: [])
            return nil
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), let url = URL(string: "http://127.0.0.1:\(port)") else {
            throw LoopbackServerError()
        }
        let result = try await body(url)
        group.cancelAll()
        return result
    }
}

/// The embedded server did not start listening.
public struct LoopbackServerError: Error, CustomStringConvertible {
    public var description: String { "The embedded server did not start listening on 127.0.0.1." }
}
