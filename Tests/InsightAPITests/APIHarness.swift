import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InsightAPI
import InsightAuth
import InsightCore
import InsightProvisioning
import InsightStore
import InsightTestSupport
import NIOCore
import Testing

/// A server over a real store and the built-in issuer, with tokens for two customers.
struct APIHarness {
    /// The composition root the router comes from (its export worker runs only when a test steps it).
    let server: InsightServer
    let store: SQLStore
    let issuer: TokenIssuer
    /// The store's shared keys and CAs.
    let secrets: SharedSecrets
    let app: Application<RouterResponder<InsightRequestContext>>
    let admin: User
    let reader: User
    let otherAdmin: User
    /// The server's data directory (keys, CA, published CRLs); removed after the test.
    let dataDirectory: URL
    /// The SQLite file, when the store is SQLite (it lives in `dataDirectory`).
    let databaseFile: URL?

    /// The installation's root CA certificate (PEM), as the database keeps it.
    func rootCertificatePEM() async throws -> String {
        try await BrokerPKI(secrets: secrets).rootCertificate().pemRepresentation()
    }

    /// The customer's issuing CA certificate (PEM), as the database keeps it.
    func issuingCertificatePEM(customerID: String) async throws -> String {
        let chain = try await OpenSSLCredentialAuthority(secrets: secrets).chainPEM(customerID: customerID)
        let root = try await rootCertificatePEM()
        try #require(chain.hasSuffix(root), "the chain ends with the root")
        return String(chain.dropLast(root.count))
    }

    /// The customer's published CRL (PEM), as every instance serves it.
    func publishedRevocationList(customerID: String) async throws -> String? {
        try await secrets.state.sharedValue(named: SharedStateName.revocationList(of: SharedStateName.issuingAuthority(customerID: customerID)))
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// The provisioning settings of the harness unless a test gives its own.
    static let defaultSettings = ProvisioningSettings(publicURL: "https://insight.example")

    /// Runs `body` with a harness on `database` whose provisioning uses `settings` and whose
    /// handlers read "now" from `clock`; the store is shut down and the data directory removed
    /// afterwards.
    ///
    /// - Parameter freshPostgres: with `.postgres`, a database of its own (for tests that change
    ///   what every customer sees, such as moving the clock past every token's expiry) instead of
    ///   the database the tests share.
    static func with(
        _ database: TestDatabase, settings: ProvisioningSettings = defaultSettings, clock: any Clock = SystemClock(),
        freshPostgres: Bool = false, _ body: (APIHarness) async throws -> Void
    ) async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("insight-api-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        if freshPostgres, database == .postgres {
            return try await withFreshDatabase(.postgres) { location in
                try await run(on: location, databaseFile: nil, dataDirectory: dataDirectory, settings: settings, clock: clock, body)
            }
        }
        // On SQLite the file lies in the data directory (not TestDatabase's own temporary file),
        // so that tests can read its bytes and nothing is left behind.
        let databaseFile = database == .sqlite ? dataDirectory.appendingPathComponent("insight.sqlite") : nil
        try await run(on: database.location(sqliteFile: databaseFile), databaseFile: databaseFile, dataDirectory: dataDirectory, settings: settings, clock: clock, body)
    }

    private static func run(
        on location: DatabaseLocation, databaseFile: URL?, dataDirectory: URL, settings: ProvisioningSettings, clock: any Clock,
        _ body: (APIHarness) async throws -> Void
    ) async throws {
        try await SQLStore.withStore(location) { store in
            let secrets = try await SharedSecrets.open(store, dataDirectory: dataDirectory, masterKeyFile: TestMasterKey.file).secrets
            let issuer = try await TokenIssuer.load(secrets: secrets)
            let accounts = try await TestAccounts.create(in: store)
            let provisioning = try await ProvisioningService.onSharedState(secrets, gateways: store, store: store, settings: settings)
            let server = InsightServer(store: store, verifier: issuer.verifier, provisioning: provisioning, clock: clock)
            let app = Application(router: try server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await body(APIHarness(
                server: server, store: store, issuer: issuer, secrets: secrets, app: app, admin: accounts.admin, reader: accounts.reader, otherAdmin: accounts.otherAdmin,
                dataDirectory: dataDirectory, databaseFile: databaseFile
            ))
        }
    }

    func token(_ user: User) async throws -> String { try await issuer.issue(for: user) }

    /// Runs `body` with an in-process client of the router.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// Sends a request with an optional IdToken and JSON body text.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = token }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { $0 }
    }
}

extension TestResponse {
    /// The body decoded as a JSON object (or `[:]`).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    /// The body decoded as a JSON array (or `[]`).
    var array: [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [[String: Any]] ?? []
    }

    /// The `details` of an error body.
    var details: String { object["details"] as? String ?? "" }
}

/// A bulk-create body with the given names.
func bulkBody(_ names: [String]) throws -> String {
    let gateways = names.map { ["name": $0, "usecase": "Picking", "station": "Station1"] }
    let data = try JSONSerialization.data(withJSONObject: ["gateways": gateways])
    return String(decoding: data, as: UTF8.self)
}
