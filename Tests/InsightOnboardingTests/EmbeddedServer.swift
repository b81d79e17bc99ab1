import Foundation
import Hummingbird
import InsightAPI
import InsightAuth
import InsightClient
import InsightCore
import InsightOnboarding
import InsightProvisioning
import InsightStore
import InsightTestSupport

/// A temporary folder with the server's data directory (`data/`) and the batch's output folder
/// (`out/`, not created), removed afterwards, also when `body` throws.
struct Workspace: Sendable {
    let root: URL
    var dataDirectory: URL { root.appendingPathComponent("data", isDirectory: true) }
    var output: URL { root.appendingPathComponent("out", isDirectory: true) }

    static func with<Result>(_ body: (Workspace) async throws -> Result) async throws -> Result {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("insight-onboarding-test-\(UUID().uuidString)", isDirectory: true)
            .resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        return try await body(Workspace(root: root))
    }
}

/// The API on loopback over an SQLite store in a data directory, as `insight onboard` runs it
/// without `--server` (see `APIConnectionOptions.withConnection`).
struct EmbeddedServer: Sendable {
    /// What gateways are told to reach; never the loopback port.
    static let publicURL = "https://insight.example"

    let connection: APIConnection
    let store: SQLStore
    let dataDirectory: URL

    /// Runs `body` with a server that lives as long as `body` runs; then stops it and shuts the store down.
    static func with<Result: Sendable>(dataDirectory: URL, _ body: (EmbeddedServer) async throws -> Result) async throws -> Result {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        return try await SQLStore.withStore(.sqlite(path: dataDirectory.appendingPathComponent("insight.sqlite").path)) { store in
            try await serve(store: store, dataDirectory: dataDirectory, body)
        }
    }

    private static func serve<Result: Sendable>(
        store: SQLStore, dataDirectory: URL, _ body: (EmbeddedServer) async throws -> Result
    ) async throws -> Result {
        let secrets = try await SharedSecrets.open(store, dataDirectory: dataDirectory, masterKeyFile: TestMasterKey.file).secrets
        let provisioning = try await ProvisioningService.onSharedState(
            secrets, gateways: store, store: store, settings: ProvisioningSettings(publicURL: publicURL)
        )
        return try await InsightServer.withEmbeddedSession(
            store: store, issuer: try await TokenIssuer.load(secrets: secrets), provisioning: provisioning,
            customer: .new, email: "onboarding@insight.test"
        ) { session in
            let connection = APIConnection(
                client: InsightAPIClient.make(serverURL: session.url, idToken: session.idToken), baseURL: session.url,
                customerID: session.customerID, label: "embedded"
            )
            return try await body(EmbeddedServer(connection: connection, store: store, dataDirectory: dataDirectory))
        }
    }
}
