import Foundation
import InsightTestSupport
import Testing

/// Failures as a person at the command line meets them: the file and what to do, never a
/// Foundation error dump.
@Suite struct CommandErrorTests {
    @Test func benchOnboardOutsideTheProjectFolderSaysWhereItLookedAndWhatToDo() throws {
        try withTemporaryDirectory { folder in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: insightExecutable())
            process.arguments = ["bench", "onboard"]
            process.currentDirectoryURL = folder
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 2)
            #expect(text.contains("--csv ../shared/bench/gateways-200.csv does not exist (relative paths start at \(folder.path))"), "\(text)")
            #expect(text.contains("Run the benchmark from the project folder"))
            #expect(!text.contains("NSCocoaErrorDomain"))
        }
    }

    @Test func aMissingFileIsNamedWithoutAFoundationDump() throws {
        try withTemporaryDirectory { folder in
            let result = try runTool(insightExecutable(), [
                "serve", "--data-dir", folder.path, "--mqtt-port", "0", "--jwks", "no-such-jwks.json", "--jwks-issuer", "i", "--jwks-audience", "a",
            ])
            #expect(result.status == 1)
            #expect(result.stderrText.contains("error: no-such-jwks.json (relative to "), "\(result.stderrText)")
            #expect(result.stderrText.contains("does not exist"))
            #expect(!result.stderrText.contains("NSCocoaErrorDomain"))
        }
    }
}
