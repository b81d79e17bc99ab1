import Foundation
import InsightCore
import InsightOnboardingInput
import InsightOpenAPI

/// `insight reissue`: a device swap for one gateway of a batch. Revokes its certificate and open
/// token on the server, downloads the new package over the old one, prints a one-label sheet
/// in each label format, re-prints the station's sheets and the batch PDF (the old label is
/// void) and updates the manifest.
public struct GatewayReissue: Sendable {
    /// What a reissue did.
    public struct Outcome: Sendable {
        public let entry: Manifest.Entry
        public let revokedSerials: [String]
        /// The new one-label files (PNG, PDF, ZPL as the batch prints), relative to the folder.
        public let labels: [String]
    }

    let connection: APIConnection
    let folder: URL
    /// The package password (required when the batch's packages are encrypted).
    let password: String?
    /// New WiFi for the package; `nil` keeps the old package's WiFi.
    let wifi: WiFiOverride?
    let allowUnencrypted: Bool
    /// The label formats to print; nil prints the batch's.
    let formats: [LabelFormat]?
    /// The thermal stock of ZPL labels; nil keeps the batch's.
    let thermal: ThermalLabelStock?

    public init(connection: APIConnection, folder: URL, password: String?, wifi: WiFiOverride?, allowUnencrypted: Bool,
                formats: [LabelFormat]? = nil, thermal: ThermalLabelStock? = nil) {
        self.connection = connection
        self.folder = folder
        self.password = password
        self.wifi = wifi
        self.allowUnencrypted = allowUnencrypted
        self.formats = formats
        self.thermal = thermal
    }

    /// The manifest entry `reference` names: a gateway id, a support code, or a unique name.
    ///
    /// - Throws: `OnboardingError.unknownGateway` when none or several match.
    public static func entry(_ reference: String, in manifest: Manifest) throws -> Manifest.Entry {
        if let byID = manifest.gateways.first(where: { $0.gateway_id.lowercased() == reference.lowercased() }) { return byID }
        let matches = manifest.gateways.filter { $0.name == reference || SupportCode.matches(reference, gatewayID: $0.gateway_id) }
        guard matches.count == 1, let match = matches.first else { throw OnboardingError.unknownGateway(reference) }
        return match
    }

    public func run(_ reference: String, progress: ProgressReporter = ProgressReporter()) async throws -> Outcome {
        var manifest = try Manifest.load(from: folder)
        let entry = try Self.entry(reference, in: manifest)
        let printer = try SheetPrinter(batch: manifest, in: folder, password: password, formats: formats, thermal: thermal)
        let network = try wifi.map(Components.Schemas.WifiCredentials.init) ?? previousNetwork(of: entry)
        // An encrypted batch stays encrypted; a password given for a plain one encrypts the new package.
        let encrypted = entry.encrypted || password != nil
        if !encrypted, !allowUnencrypted, let network, !(network.password ?? "").isEmpty {
            throw OnboardingError.invalidInput([
                "The new package of '\(entry.name)' would hold the password of WiFi '\(network.ssid)' unencrypted: give --package-password to encrypt it, or --no-encrypt to write it in clear text on purpose.",
            ])
        }
        let body = Components.Schemas.ReissueRequest(wifi: network, packagePassword: encrypted ? password : nil, allowUnencrypted: allowUnencrypted)
        let result = try await callingAPI("reissue") {
            try await connection.client.reissueGateway(
                path: .init(customerId: connection.customerID, gatewayId: entry.gateway_id), body: .json(body)
            ).ok.body.json
        }
        let data = try await callingAPI("download package") { try await connection.downloadPackage(at: result.packageUrl) }
        try OutputFile.replace(folder.appendingPathComponent(entry.package), with: data)
        guard let index = manifest.gateways.firstIndex(where: { $0.gateway_id == entry.gateway_id }) else { throw OnboardingError.unknownGateway(reference) }
        manifest.gateways[index].package_sha256 = data.sha256Hex
        manifest.gateways[index].encrypted = encrypted
        try Journal(folder: folder).append([
            .init(kind: .packaged, gateway_id: entry.gateway_id, package: entry.package, package_sha256: manifest.gateways[index].package_sha256),
        ])

        let printed = try printer.printReissueSheet(for: manifest.gateways[index], batch: manifest.batch)
        let voidFiles = [manifest.gateways[index].reissue_sheet].compactMap { $0 } + (manifest.gateways[index].reissue_prints ?? [])
        manifest.gateways[index] = printed.entry
        manifest.gateways[index].reissue_sheet = printed.png
        manifest.gateways[index].reissue_prints = printed.others
        manifest = try await printer.printStationSheets(manifest, stations: entry.station, progress: progress)
        try manifest.write(to: folder)
        // The labels of an earlier reissue carry a voided token: they must not be printed again.
        for file in voidFiles { try? FileManager.default.removeItem(at: folder.appendingPathComponent(file)) }
        let files = [printed.png].compactMap { $0 } + printed.others
        return Outcome(entry: manifest.gateways[index], revokedSerials: result.revokedSerials, labels: files)
    }

    /// The WiFi of the gateway's current package, so that a swap keeps the network.
    private func previousNetwork(of entry: Manifest.Entry) throws -> Components.Schemas.WifiCredentials? {
        let network = try PackageContent.readNetwork(from: folder.appendingPathComponent(entry.package), password: entry.encrypted ? password : nil)
        return network.ssid.map { .init(ssid: $0, password: network.password, authenticationType: .init(packageText: network.authentication_type)) }
    }
}
