import Foundation
import InsightClient
import InsightOnboarding
import InsightOnboardingInput
import InsightOpenAPI
import InsightPackaging
import InsightTestSupport
import OpenAPIRuntime
import Testing

/// Writes a gateways CSV (RFC 4180 quoting) with `header` and `rows` of raw values.
func writeCSV(_ rows: [[String]], header: [String] = ["name", "usecase", "station"], to file: URL) throws {
    func field(_ value: String) -> String {
        value.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
    let text = ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    try Data(text.utf8).write(to: file)
}

/// `count` gateways spread evenly (in blocks) over `stations`.
func gatewayRows(count: Int, stations: [String]) -> [[String]] {
    (0..<count).map { index in
        ["Gateway \(String(format: "%02d", index + 1))", index.isMultiple(of: 2) ? "Picking" : "Packing", stations[index * stations.count / count]]
    }
}

/// The default request of these tests: WiFi with a password, encrypted packages.
let packagePassword = "batch password"
let batchWiFi = WiFiOverride(ssid: "Warehouse", password: #"wi;fi"pass"#, authenticationType: .wpa2)

/// The `provisioning.json` of a package, decrypted with `password`.
func provisioningDocument(of package: URL, password: String?) throws -> [String: Any] {
    let data = try ZipArchiveReader(contentsOf: package).data(forEntry: "provisioning.json", password: password)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// The QR payload and token inside a package.
func qrPayloadAndToken(of package: URL, password: String? = packagePassword) throws -> (payload: String, token: String) {
    let document = try provisioningDocument(of: package, password: password)
    return (try #require(document["qr_payload"] as? String), try #require(document["token"] as? String))
}

/// The payloads `zbarimg` decodes from a PNG, one per QR code (empty when it finds none).
func decodedQRCodes(_ png: URL) throws -> [String] {
    let result = try runTool("zbarimg", ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", png.path])
    try #require(result.status == 0 || result.status == 4, "zbarimg failed on \(png.lastPathComponent): \(result.stderrText)")
    return result.stdoutText.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}

/// Every file below `folder`, as paths relative to it.
func filesBelow(_ folder: URL) throws -> Set<String> {
    let base = folder.resolvingSymlinksInPath().path + "/"
    var files = Set<String>()
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = enumerator?.nextObject() as? URL {
        guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
        let path = url.resolvingSymlinksInPath().path
        files.insert(path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path)
    }
    return files
}

extension EmbeddedServer {
    /// Runs the pipeline on `csv` into `output`.
    @discardableResult
    func onboard(
        _ csv: URL, into output: URL, wifi: WiFiOverride? = batchWiFi, password: String? = packagePassword, allowUnencrypted: Bool = false,
        labels: LabelOutput = LabelOutput()
    ) async throws -> Manifest {
        let request = OnboardingRequest(
            csvFile: csv, outputFolder: output, batchName: "Test batch", defaultWiFi: wifi,
            packagePassword: password, allowUnencrypted: allowUnencrypted, labels: labels
        )
        return try await OnboardingPipeline(connection: connection, request: request).run(progress: ProgressReporter(interactive: false))
    }

    /// The customer's gateways on the server.
    func gatewaysOnServer() async throws -> [Components.Schemas.Gateway] {
        let page = try await connection.client.listGateways(path: .init(customerId: connection.customerID), query: .init(limit: 500)).ok.body.json
        #expect(page.links.next == nil, "more than one page")
        return page.items
    }

    /// The status the server answers `POST /provisioning` with (200, or the InsightAPIError's status).
    func redemptionStatus(_ token: String) async throws -> Int {
        do {
            _ = try await connection.client.redeemProvisioningToken(body: .json(.init(token: token))).ok.body.json
            return 200
        } catch let error as ClientError {
            return try #require(error.underlyingError as? InsightAPIError, "\(error)").status
        }
    }
}

/// A batch of `count` gateways over `stations`, onboarded by an embedded server into a workspace
/// of its own (CSV at `csv`, output in `workspace.output`); both live as long as `body` runs.
struct OnboardedBatch {
    let server: EmbeddedServer
    let workspace: Workspace
    let csv: URL
    let manifest: Manifest

    var out: URL { workspace.output }

    static func with(
        count: Int, stations: [String], wifi: WiFiOverride? = batchWiFi, password: String? = packagePassword,
        labels: LabelOutput = LabelOutput(), _ body: (OnboardedBatch) async throws -> Void
    ) async throws {
        try await Workspace.with { workspace in
            try await EmbeddedServer.with(dataDirectory: workspace.dataDirectory) { server in
                let csv = workspace.root.appendingPathComponent("gateways.csv")
                try writeCSV(gatewayRows(count: count, stations: stations), to: csv)
                let manifest = try await server.onboard(csv, into: workspace.output, wifi: wifi, password: password, labels: labels)
                try await body(OnboardedBatch(server: server, workspace: workspace, csv: csv, manifest: manifest))
            }
        }
    }
}

/// Verifies the batch and records every problem.
func expectVerifies(_ folder: URL, gateways: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let report = try await BatchVerifier(folder: folder).verify()
    #expect(report.problems == [], sourceLocation: sourceLocation)
    #expect(report.checkedPackages == gateways, sourceLocation: sourceLocation)
    #expect(report.decodedCodes >= gateways, sourceLocation: sourceLocation)
}

/// Reads package entries directly (libzip), as a gateway or a support engineer would.
enum ZipArchiveReaderProbe {
    /// `provisioning.json` read without a password: throws for an encrypted package.
    @discardableResult
    static func read(_ package: URL) throws -> Data {
        try ZipArchiveReader(contentsOf: package).data(forEntry: "provisioning.json", password: nil)
    }

    /// `network.json`, decrypted with `password`.
    static func network(_ package: URL, password: String?) throws -> [String: Any] {
        let data = try ZipArchiveReader(contentsOf: package).data(forEntry: "network.json", password: password)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
