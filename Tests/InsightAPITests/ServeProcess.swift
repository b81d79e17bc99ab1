import Foundation
import InsightMQTT
import InsightTestSupport
import Testing

/// Runs `insight serve` with `arguments` (after `--data-dir`, `--port` and `--mqtt-port 0`) for
/// as long as `body` runs, once it accepts connections on `port`, and stops it afterwards: the
/// server as a probe from outside meets it, in a process of its own (in the test process, a
/// suite that waits for a tool holds a thread the server's timers need).
func withServeProcess(
    _ arguments: [String], port: Int = Int.random(in: 20_001...30_000), dataDirectory: URL? = nil, _ body: (Int, Process) async throws -> Void
) async throws {
    try await withTemporaryDirectory { folder in
        let server = Process()
        server.executableURL = URL(fileURLWithPath: insightExecutable())
        server.arguments = ["serve", "--data-dir", (dataDirectory ?? folder).path, "--port", String(port), "--mqtt-port", "0"] + arguments
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        let deadline = Date().addingTimeInterval(60)
        while !TCPProbe.accepts(host: "127.0.0.1", port: port), Date() < deadline, server.isRunning {
            try await Task.sleep(for: .milliseconds(100))
        }
        try #require(server.isRunning && TCPProbe.accepts(host: "127.0.0.1", port: port), "insight serve \(arguments) did not start listening on \(port)")
        try await body(port, server)
    }
}
