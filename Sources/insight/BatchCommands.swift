import ArgumentParser
import Foundation
import InsightCore
import InsightOnboarding

/// `insight sheets`: reprint.
struct Sheets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Re-render the sheets of a batch from its manifest (reprint), optionally for one station.")

    @OptionGroup var output: OutputOptions

    @Option(help: "Only this station's sheets.")
    var station: String?

    @Option(help: "The batch's package password, to read the tokens (also INSIGHT_PACKAGE_PASSWORD).")
    var packagePassword: String?

    func run() async throws {
        try await reportingFailures {
            let password = packagePassword ?? ProcessInfo.processInfo.environment["INSIGHT_PACKAGE_PASSWORD"]
            let manifest = try await BatchSheets.reprint(folder: output.folder, station: station, password: password)
            let rendered = Set(manifest.gateways.filter { station == nil || $0.station == station }.compactMap(\.sheet))
            print("Rendered \(counted(rendered.count, "sheet")) in \(output.folder.appendingPathComponent("sheets").path)")
        }
    }
}

/// `insight verify`.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decode every QR code on every sheet and check every package's hash; exit 0 only if all match."
    )

    @OptionGroup var output: OutputOptions
    @OptionGroup var state: StateOptions

    func run() async throws {
        try await reportingFailures {
            let manifest = try Manifest.load(from: output.folder)
            let data = state.resolved(defaultDataDirectory: output.folder.appendingPathComponent(".insight", isDirectory: true))
            let report: BatchVerifier.Report
            if manifest.server == Manifest.embeddedServer, data.holdsDatabase {
                report = try await data.withStore { store in
                    try await BatchVerifier(folder: output.folder, spentTokens: StoredSpentTokens(store: store, customerID: manifest.customer_id)).verify()
                }
            } else {
                print("Token states not checked: \(manifest.server == Manifest.embeddedServer ? "no database at \(data.dataDirectory.path)" : "the batch's server is \(manifest.server)") (expiry is checked).")
                report = try await BatchVerifier(folder: output.folder).verify()
            }
            for note in report.notes { print("note: \(note)") }
            for problem in report.problems { printToStandardError("problem: \(problem)") }
            let outcome = report.passed ? "all match" : counted(report.problems.count, "problem")
            print("\(counted(report.checkedPackages, "package")) checked, \(counted(report.decodedCodes, "QR code")) decoded on \(counted(report.sheets, "sheet")): \(outcome)")
            if !report.passed { throw ExitCode(1) }
        }
    }
}

/// `insight reissue`: device swap.
struct Reissue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Device swap: revoke the gateway's certificate, void its token, issue a new token and package, print a one-label sheet."
    )

    @Argument(help: "The gateway: its id, the support code on its label, or its unique name.")
    var gateway: String

    @OptionGroup var output: OutputOptions
    @OptionGroup var packaging: PackagingOptions
    @OptionGroup var connection: APIConnectionOptions

    func run() async throws {
        try await reportingFailures {
            let manifest = try Manifest.load(from: output.folder)
            let wifi = try packaging.defaultWiFi()
            let recordedServer = manifest.server == Manifest.embeddedServer ? nil : manifest.server
            let outcome = try await connection.withConnection(outputFolder: output.folder, resumeCustomer: manifest.customer_id, recordedServer: recordedServer) { api in
                try await GatewayReissue(
                    connection: api, folder: output.folder, password: packaging.password, wifi: wifi, allowUnencrypted: packaging.noEncrypt
                ).run(gateway)
            }
            print("Reissued \(outcome.entry.name): revoked certificate(s) \(outcome.revokedSerials.joined(separator: ", ")); new package \(outcome.entry.package); label \(outcome.sheet)")
        }
    }
}
