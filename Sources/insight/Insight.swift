import ArgumentParser
import Foundation

/// The `insight` executable: the Insight API server and the gateway onboarding tools.
///
/// Exit status: 0 success, 1 failure of the run, 2 bad usage or bad input.
@main
struct Insight: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insight",
        abstract: "Insight: onboard batches of gateways and run the Insight API v1.0.1.",
        subcommands: [Onboard.self, Reissue.self, Sheets.self, Verify.self, Serve.self, Simulate.self, Token.self, Events.self, MasterKeyCommand.self, BrokerFiles.self, Bench.self]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            printToStandardError("error: \(failure.message)")
            Foundation.exit(failure.exitCode)
        } catch let error as CocoaError {
            printToStandardError("error: \(FileErrorDescription(error))")
            Foundation.exit(1)
        } catch {
            if exitCode(for: error) == .validationFailure {
                printToStandardError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
