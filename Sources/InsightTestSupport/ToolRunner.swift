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
///
/// Started with `posix_spawnp`, not Foundation's `Process`: `Process.run()` lists the parent's
/// open descriptors to close them in the child, and crashed in that list (a bad read in
/// `memcpy`) while the test process held some 1,400 descriptors that other tests' servers
/// opened and closed meanwhile (CI, 2026-12-02).
public func runTool(_ executable: String, _ args: [String], stdin: Data? = nil) throws -> ToolResult {
    try withTemporaryDirectory { directory in
        let inputURL = directory.appendingPathComponent("stdin")
        let outputURL = directory.appendingPathComponent("stdout")
        let errorURL = directory.appendingPathComponent("stderr")
        try (stdin ?? Data()).write(to: inputURL)

        var files = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&files)
        defer { posix_spawn_file_actions_destroy(&files) }
        posix_spawn_file_actions_addopen(&files, 0, inputURL.path, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&files, 1, outputURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&files, 2, errorURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + args).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var child: pid_t = 0
        let started = posix_spawnp(&child, executable, &files, nil, argv, environ)
        guard started == 0 else { throw POSIXError(POSIXErrorCode(rawValue: started) ?? .EINVAL) }
        var raw: Int32 = 0
        while waitpid(child, &raw, 0) == -1 {
            guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL) }
        }
        let signal = raw & 0x7F
        return ToolResult(
            status: signal == 0 ? (raw >> 8) & 0xFF : signal,
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
