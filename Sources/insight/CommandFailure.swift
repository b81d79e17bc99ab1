import Foundation

/// A failure found while a command runs, reported as `error: <message>` with its exit status
/// and, unlike ArgumentParser's `ValidationError`, without the usage text: the command line was
/// well formed, what it named was not usable (a database URL, a customer, a busy port).
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    /// 2 for input the user can correct, 1 for a failure of the run.
    let exitCode: Int32

    init(_ message: String, exitCode: Int32 = 2) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }
}

/// Writes `line` and a newline to standard error: warnings, problems and failures, never results.
func printToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
