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

@testable import InsightConsole

/// The console's endpoints in process (`app.test(.router)`), over a real store; the batch runs
/// the real pipeline against its embedded loopback server. The browser side is
/// `scripts/e2e-console`.
@Suite("Console")
struct ConsoleTests {
    @Test("a login link signs in once; every other endpoint demands an IdToken", arguments: TestDatabase.allCases)
    func signIn(database: TestDatabase) async throws {
        try await ConsoleHarness.with(database) { harness in
            let link = try await LoginLinkService(links: harness.store, users: harness.store).issue(for: harness.admin)
            try await harness.app.test(.router) { client in
                let first = try await client.call(.post, "/console/api/sign-in", json: ["login_link": link])
                #expect(first.status == .ok)
                let session = try first.object()
                #expect(session["customer_id"] as? String == harness.admin.customerID)
                #expect(session["roles"] as? [String] == ["ADMIN_ROLE"])
                let token = try #require(session["id_token"] as? String)
                #expect(try await harness.server.principal(authorization: token).userID == harness.admin.id)

                #expect(try await client.call(.post, "/console/api/sign-in", json: ["login_link": link]).status == .unauthorized, "spent")
                #expect(try await client.call(.post, "/console/api/sign-in", json: ["id_token": "not.a.token"]).status == .unauthorized)
                let pasted = try await client.call(.post, "/console/api/sign-in", json: ["id_token": token])
                #expect(try pasted.object()["user_id"] as? String == harness.admin.id)

                for path in ["/console/api/batches", "/console/api/gateways", "/console/api/gateway-facets"] {
                    #expect(try await client.call(.get, path).status == .unauthorized, "\(path) without a token")
                    #expect(try await client.call(.get, path, token: token).status == .ok, "\(path) with one")
                }
            }
        }
    }

    @Test("a CSV with problems is answered with every problem, line and column, and creates nothing")
    func rejectedCSV() async throws {
        try await ConsoleHarness.with(.sqlite) { harness in
            let token = try await harness.issuer.issue(for: harness.admin)
            let csv = "name,usecase,station\nA,picking,North\n,picking,North\nA,packing,South\n"
            try await harness.app.test(.router) { client in
                let check = try await client.call(.post, "/console/api/csv-check?file_name=bad.csv", token: token, body: ByteBuffer(string: csv))
                let problems = try #require(try check.object()["problems"] as? [[String: Any]])
                #expect(problems.compactMap { $0["line"] as? Int } == [3, 4])
                #expect(problems.allSatisfy { $0["column"] as? Int == 1 })

                let start = try await client.call(.post, "/console/api/batches", token: token, json: ConsoleHarness.order(csv: csv))
                #expect(start.status == .unprocessableContent)
                #expect((try start.object()["problems"] as? [Any])?.count == 2)
                #expect(try await harness.store.gatewayCount(customerID: harness.admin.customerID) == 0)
                #expect((try await client.call(.get, "/console/api/batches", token: token).object()["items"] as? [Any])?.isEmpty == true)

                let reader = try await harness.issuer.issue(for: harness.reader)
                let good = "name,usecase,station\nA,picking,North\n"
                #expect(try await client.call(.post, "/console/api/batches", token: reader, json: ConsoleHarness.order(csv: good)).status == .forbidden)
            }
        }
    }

    @Test("a batch runs the pipeline with streamed progress; its files download; a swap revokes the old certificate", arguments: TestDatabase.allCases)
    func batchAndSwap(database: TestDatabase) async throws {
        try await ConsoleHarness.with(database) { harness in
            let token = try await harness.issuer.issue(for: harness.admin)
            let csv = "name,usecase,station\nDock-1,picking,North\nDock-2,picking,North\n<img src=x onerror=alert(1)>,packing,South\n"
            try await harness.app.test(.router) { client in
                let started = try await client.call(.post, "/console/api/batches", token: token, json: ConsoleHarness.order(csv: csv))
                #expect(started.status == .accepted)
                let id = try #require(try started.object()["id"] as? String)
                // The progress stream ends when the batch does; its last line is the final status.
                let stream = try await client.call(.get, "/console/api/batches/\(id)/progress", token: token)
                let lines = String(buffer: stream.body).split(separator: "\n")
                let last = try #require(try JSONSerialization.jsonObject(with: Data((lines.last ?? "").utf8)) as? [String: Any])
                let batch = try #require(last["batch"] as? [String: Any])
                #expect(batch["state"] as? String == "done", "\(batch)")
                let files = try #require(last["files"] as? [String: Any])
                let batchPDF = try #require(files["batch_pdf"] as? String)

                let pdf = try await client.call(.get, "/console/api/batches/\(id)/file?path=\(batchPDF)", token: token)
                #expect(pdf.status == .ok && String(buffer: pdf.body).hasPrefix("%PDF"))
                #expect(pdf.headers[.contentType] == "application/pdf")
                let zip = try await client.call(.get, "/console/api/batches/\(id)/packages.zip", token: token)
                #expect(zip.status == .ok && zip.body.getBytes(at: 0, length: 2) == Array("PK".utf8))
                for escape in ["../console-batch.json", "manifest.json", "/etc/passwd"] {
                    #expect(try await client.call(.get, "/console/api/batches/\(id)/file?path=\(escape)", token: token).status == .notFound, "\(escape)")
                }
                let otherToken = try await harness.issuer.issue(for: harness.otherAdmin)
                #expect(try await client.call(.get, "/console/api/batches/\(id)", token: otherToken).status == .notFound, "another customer's batch")

                let gateway = try #require(try await harness.store.gateway(named: "Dock-1", customerID: harness.admin.customerID))
                let before = try await client.call(.get, "/console/api/gateways/\(gateway.id.lowercasedString)", token: token).object()
                let oldSerial = try #require((before["certificates"] as? [[String: Any]])?.first?["serial"] as? String)
                #expect((before["batch"] as? [String: Any])?["id"] as? String == id)

                let wrong = try await client.call(.post, "/console/api/gateways/\(gateway.id.lowercasedString)/swap", token: token, json: ["package_password": "wrong password"])
                #expect(wrong.status == .badRequest, "a wrong package password")
                let swapped = try await client.call(.post, "/console/api/gateways/\(gateway.id.lowercasedString)/swap", token: token, json: ["package_password": ConsoleHarness.packagePassword])
                #expect(swapped.status == .ok)
                let certificates = try #require(try swapped.object()["certificates"] as? [[String: Any]])
                #expect(certificates.count == 2)
                #expect(certificates.first { $0["serial"] as? String == oldSerial }?["revoked_at"] as? Int64 != nil)
                #expect(certificates.filter { $0["revoked_at"] == nil }.count == 1)
                let revoked = try await harness.store.revokedCertificates(customerID: harness.admin.customerID).map(\.serial)
                #expect(revoked.contains(oldSerial))
                let labels = try #require((try swapped.object()["batch"] as? [String: Any])?["labels"] as? [String])
                #expect(labels.contains { $0.hasSuffix(".pdf") } && labels.contains { $0.hasSuffix(".zpl") })
                let label = try await client.call(.get, "/console/api/batches/\(id)/file?path=\(labels.first { $0.hasSuffix(".pdf") } ?? "")", token: token)
                #expect(String(buffer: label.body).hasPrefix("%PDF"))
            }
        }
    }

    @Test("the page allows no inline script, and its assets stay under 200 KB")
    func pageAndAssets() async throws {
        try await ConsoleHarness.with(.sqlite) { harness in
            try await harness.app.test(.router) { client in
                let page = try await client.call(.get, "/console/")
                let policy = try #require(page.headers[.contentSecurityPolicy])
                #expect(policy.contains("script-src 'self';") && !policy.contains("unsafe-inline") && policy.contains("frame-ancestors 'none'"))
                let html = String(buffer: page.body)
                #expect(!html.contains("<script>") && !html.contains("style=") && !html.contains(" on"))
                for name in ConsoleAssets.files.keys {
                    #expect(try await client.call(.get, "/console/assets/\(name)").status == .ok, "\(name)")
                }
                #expect(try await client.call(.get, "/console/assets/..%2Fmanifest.json").status == .notFound)
            }
        }
        #expect(ConsoleAssets.totalBytes <= 200 * 1024, "\(ConsoleAssets.totalBytes) bytes")
    }
}

/// A server with the console over a real store, with an administrator and a reader of one
/// customer and an administrator of another.
struct ConsoleHarness {
    let server: InsightServer
    let store: SQLStore
    let issuer: TokenIssuer
    let app: Application<RouterResponder<InsightRequestContext>>
    let admin: User
    let reader: User
    let otherAdmin: User

    static let packagePassword = "station secret 1"

    static func with(_ database: TestDatabase, _ body: (ConsoleHarness) async throws -> Void) async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("insight-console-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        try await SQLStore.withStore(database.location(sqliteFile: dataDirectory.appendingPathComponent("insight.sqlite"))) { store in
            let secrets = try await SharedSecrets.open(store, dataDirectory: dataDirectory, masterKeyFile: TestMasterKey.file).secrets
            let issuer = try await TokenIssuer.load(secrets: secrets)
            let accounts = try await TestAccounts.create(in: store)
            let provisioning = try await ProvisioningService.onSharedState(
                secrets, gateways: store, store: store, settings: ProvisioningSettings(publicURL: "https://insight.example")
            )
            var server = InsightServer(store: store, verifier: issuer.verifier, provisioning: provisioning)
            server.additionalRoutes = [ConsoleRoutes(issuer: issuer, dataDirectory: dataDirectory)]
            let app = Application(router: try server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await body(ConsoleHarness(server: server, store: store, issuer: issuer, app: app, admin: accounts.admin, reader: accounts.reader, otherAdmin: accounts.otherAdmin))
        }
    }

    /// The body of `POST /console/api/batches` for `csv`, with WiFi and the package password.
    static func order(csv: String) -> [String: String] {
        [
            "file_name": "gateways.csv", "csv_base64": Data(csv.utf8).base64EncodedString(), "wifi_ssid": "Warehouse",
            "wifi_password": "wifi secret", "wifi_authentication_type": "WPA2", "package_password": packagePassword,
        ]
    }
}

extension TestClientProtocol {
    /// Sends a request with an optional IdToken and JSON or raw body.
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: [String: String]? = nil, body: ByteBuffer? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = token }
        var payload = body
        if let json {
            headers[.contentType] = "application/json"
            payload = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        }
        return try await execute(uri: uri, method: method, headers: headers, body: payload) { $0 }
    }
}

extension TestResponse {
    func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])
    }
}
