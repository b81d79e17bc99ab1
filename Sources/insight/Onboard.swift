import ArgumentParser
import Foundation
import InsightCore
import InsightOnboarding
import InsightOnboardingInput
import InsightProvisioning
import InsightStore

/// `insight onboard CSV`: the batch pipeline.
struct Onboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Onboard the gateways of a CSV: create, provision, download packages, print QR sheets, write the manifest.",
        discussion: """
        The whole CSV is checked first (exit 2 with every problem and its line). A re-run into the same
        --out folder resumes an interrupted batch without creating anything twice.
        """
    )

    @Argument(help: "The gateways CSV: name, usecase, station (+ optional wifi_ssid, wifi_password, wifi_authentication_type).")
    var csv: String

    @OptionGroup var output: OutputOptions
    @OptionGroup var packaging: PackagingOptions

    @Option(help: "The batch name printed on the sheets (default: the CSV's name and today's date).")
    var batch: String?

    @Option(help: "The sheet layout: a4, letter or labels (2×7 labels of 99.1×38.1 mm on A4).")
    var layout: SheetLayoutChoice = .a4

    @OptionGroup var labels: LabelOutputOptions

    @OptionGroup var connection: APIConnectionOptions

    func run() async throws {
        try await reportingFailures {
            let request = OnboardingRequest(
                csvFile: URL(fileURLWithPath: csv), outputFolder: output.folder, batchName: batch,
                defaultWiFi: try packaging.defaultWiFi(), packagePassword: packaging.password,
                allowUnencrypted: packaging.noEncrypt, layout: layout,
                labels: LabelOutput(formats: try labels.chosenFormats(otherwise: LabelOutput.defaultFormats),
                                    thermal: try labels.chosenThermal() ?? .standard)
            )
            // Checked before connecting, so that a bad CSV creates not even a customer.
            let checked = try OnboardingPipeline.checkedRows(of: request)
            let manifest = try await connection.withConnection(outputFolder: output.folder, resumeCustomer: OnboardingPipeline.journaledCustomer(in: output.folder)) { api in
                try await OnboardingPipeline(connection: api, request: request).run(checked: checked)
            }
            print("Onboarded \(counted(manifest.gateways.count, "gateway")) of customer \(manifest.customer_id) into \(output.folder.path): \(counted(manifest.sheets.count, "label file")) (\(manifest.labelFormats.map(\.rawValue).joined(separator: ", "))), manifest.json")
            try labels.printLabels(manifest.sheets, in: output.folder)
            if connection.server == nil { printServingInstructions() }
        }
    }
}

extension Onboard {
    /// After an embedded run: what must run where the packages send gateways, so that they can
    /// redeem their tokens.
    private func printServingInstructions() {
        let state = connection.dataState(outputFolder: output.folder)
        guard let addresses = PublicAddresses.recorded(in: state.dataDirectory), let url = URLComponents(string: addresses.publicURL) else { return }
        let port = url.port ?? (url.scheme == "https" ? 443 : 80)
        let host = url.host.map { PublicAddresses.isLoopback($0) ? $0 : "0.0.0.0" } ?? "0.0.0.0"
        let database = connection.state.database.map { " --database \(DatabaseLocation.redactingPassword(in: $0))" } ?? ""
        print("""
        Gateways redeem their tokens at \(addresses.publicURL)\(ProvisioningSettings.registrationPath), then connect to \(addresses.settings().mqttEndpoint).
        Serve this batch's data there (behind a TLS proxy for https), e.g.:
          insight serve --data-dir \(state.dataDirectory.path)\(database) --host \(host) --port \(port == 443 ? 8080 : port) --public-url \(addresses.publicURL)
        """)
    }
}

/// `--out`.
struct OutputOptions: ParsableArguments {
    @Option(name: .customLong("out"), help: ArgumentHelp("The output folder.", valueName: "dir"))
    var path: String = "out"

    var folder: URL { URL(fileURLWithPath: path, isDirectory: true) }
}

/// The WiFi and encryption options of packages.
struct PackagingOptions: ParsableArguments {
    @Option(help: "The WiFi network the gateways join.")
    var wifiSsid: String?

    @Option(help: "The WiFi password (also INSIGHT_WIFI_PASSWORD).")
    var wifiPassword: String?

    @Option(help: "WPA, WPA2, WPA3, WEP or nopass.")
    var wifiAuth: String = "WPA2"

    @Option(help: "Encrypts every package entry with AES-256 (also INSIGHT_PACKAGE_PASSWORD).")
    var packagePassword: String?

    @Flag(help: "Allow WiFi passwords in unencrypted packages (written in clear text).")
    var noEncrypt = false

    var password: String? { packagePassword ?? ProcessInfo.processInfo.environment["INSIGHT_PACKAGE_PASSWORD"] }

    func validate() throws {
        if let password, password.isEmpty { throw ValidationError("--package-password must not be empty.") }
        if noEncrypt, packagePassword != nil { throw ValidationError("--no-encrypt and --package-password exclude each other.") }
        if noEncrypt, password != nil {
            throw ValidationError("--no-encrypt conflicts with INSIGHT_PACKAGE_PASSWORD, which is set: unset it, or drop --no-encrypt.")
        }
        _ = try defaultWiFi()
    }

    /// The command-line WiFi, if any (checked in `validate()` already, so that a mistake is
    /// reported with the subcommand's usage).
    func defaultWiFi() throws -> WiFiOverride? {
        let secret = wifiPassword ?? ProcessInfo.processInfo.environment["INSIGHT_WIFI_PASSWORD"]
        guard let wifiSsid else {
            // INSIGHT_WIFI_PASSWORD, exported for onboard as the README shows, is no error in a
            // command without --wifi-ssid (a reissue that keeps the old WiFi): it goes unused.
            if wifiPassword != nil { throw ValidationError("--wifi-password needs --wifi-ssid.") }
            return nil
        }
        guard let type = WiFiAuthenticationType(parsing: wifiAuth) else {
            throw ValidationError("--wifi-auth '\(wifiAuth)' is not one of WPA, WPA2, WPA3, WEP, nopass.")
        }
        if type != .nopass, (secret ?? "").isEmpty { throw ValidationError("--wifi-ssid \(wifiSsid) needs --wifi-password (or --wifi-auth nopass).") }
        return WiFiOverride(ssid: wifiSsid, password: type == .nopass ? nil : secret, authenticationType: type)
    }
}

extension SheetLayoutChoice: ExpressibleByArgument {}

/// Runs `body`; onboarding input errors exit 2 with their messages, run failures exit 1.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as OnboardingError {
        throw CommandFailure(error.description, exitCode: error.isInputError ? 2 : 1)
    }
}
