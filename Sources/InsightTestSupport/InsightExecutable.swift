import Foundation

/// The `insight` executable of this build, for tests that drive the command line as a user
/// does: `INSIGHT_EXECUTABLE` when set, else the `insight` beside the running test bundle
/// (`swift build --build-tests` and `swift test` put both into the same build folder).
public func insightExecutable() -> String {
    if let path = ProcessInfo.processInfo.environment["INSIGHT_EXECUTABLE"] { return path }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // On Linux the tests run from `<build>/insightPackageTests.xctest`; on macOS from inside
    // `<build>/insightPackageTests.xctest/Contents/MacOS`.
    while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("insight").path), folder.pathComponents.count > 1 {
        folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("insight").path
}
