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

    @OptionGroup var labels: LabelOutputOptions

    func run() async throws {
        try await reportingFailures {
            let password = packagePassword ?? ProcessInfo.processInfo.environment["INSIGHT_PACKAGE_PASSWORD"]
            let recorded = try Manifest.load(from: output.folder)
            let manifest = try await BatchSheets.reprint(
                folder: output.folder, station: station, password: password,
                formats: try labels.chosenFormats(otherwise: recorded.labelFormats), thermal: try labels.chosenThermal(recorded: recorded.thermalStock))
            let printed = manifest.gateways.filter { station == nil || $0.station == station }
            let files = Set(printed.flatMap { [$0.sheet].compactMap { $0 } + ($0.prints ?? []) })
            print("Rendered \(counted(files.count, "label file")) (\(manifest.labelFormats.map(\.rawValue).joined(separator: ", "))) in \(output.folder.path)")
            try labels.printLabels(printed.flatMap { $0.prints ?? [] }, in: output.folder)
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
    @OptionGroup var labels: LabelOutputOptions
    @OptionGroup var connection: APIConnectionOptions

    func run() async throws {
        try await reportingFailures {
            let manifest = try Manifest.load(from: output.folder)
            let formats = try labels.chosenFormats(otherwise: manifest.labelFormats)
            let thermal = try labels.chosenThermal(recorded: manifest.thermalStock)
            let wifi = try packaging.defaultWiFi()
            let recordedServer = manifest.server == Manifest.embeddedServer ? nil : manifest.server
            let outcome = try await connection.withConnection(outputFolder: output.folder, resumeCustomer: manifest.customer_id, recordedServer: recordedServer) { api in
                try await GatewayReissue(
                    connection: api, folder: output.folder, password: packaging.password, wifi: wifi, allowUnencrypted: packaging.noEncrypt,
                    formats: formats, thermal: thermal
                ).run(gateway)
            }
            print("Reissued \(outcome.entry.name): revoked certificate(s) \(outcome.revokedSerials.joined(separator: ", ")); new package \(outcome.entry.package); label \(outcome.labels.joined(separator: ", "))")
            try labels.printLabels(outcome.labels, in: output.folder)
        }
    }
}
