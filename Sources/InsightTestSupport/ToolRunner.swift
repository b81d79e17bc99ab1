import Foundation

/// What an external tool did: its exit status and everything it wrote.
public struct ToolResult: Sendable {
    /// The exit status (or the terminating signal's number).
    public let status: Int32
    /// Everything written to standard output.
    public let stdout: Data
    /// Everything written to standard error.
    public let stderr: Data

    /// `stdout` decoded as UTF-8 (invalid bytes replaced).
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// `stderr` decoded as UTF-8 (invalid bytes replaced).
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs `executable`, found by name on PATH, with `args` and optional `stdin`, waits for it and
/// returns its status and output. Output goes through temporary files, so a chatty tool never
/// blocks on a full pipe. Throws if the process cannot be started or the files cannot be made.
public func runTool(_ executable: String, _ args: [String], stdin: Data? = nil) throws -> ToolResult {
    try withTemporaryDirectory { directory in
        let inputURL = directory.appendingPathComponent("stdin")
        let outputURL = directory.appendingPathComponent("stdout")
        let errorURL = directory.appendingPathComponent("stderr")
        try (stdin ?? Data()).write(to: inputURL)
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)

        let input = try FileHandle(forReadingFrom: inputURL)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? input.close()
            try? output.close()
            try? error.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + args
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        return ToolResult(
            status: process.terminationStatus,
            stdout: try Data(contentsOf: outputURL),
            stderr: try Data(contentsOf: errorURL)
        )
    }
}

/// `runTool` on a thread of its own, for async tests that keep something of their own running
/// meanwhile (an in-process server): a tool waited for on one of Swift's cooperative threads,
/// of which there are as many as cores, stalls every task that would run there.
public func runToolOffThePool(_ executable: String, _ args: [String], stdin: Data? = nil) async throws -> ToolResult {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try runTool(executable, args, stdin: stdin) })
        }
    }
}
