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
import Testing

/// The public edge as an outside probe meets it: refused credentials cut off with 429, slow and
/// idle connections closed, secrets never cacheable, health and readiness answered.
@Suite("Server defences") struct ServerDefenceTests {
    /// A budget of its own, with the standard burst, refilled so slowly that a test's pace never refills it.
    static var slowRefill: ServerDefences { ServerDefences(failureBudget: FailureBudget(limits: .init(burst: FailureBudget.Limits.standard.burst, refillPerSecond: 0.001))) }

    @Test("after 30 refused provisioning tokens, an address is answered 429 with Retry-After, also with a valid IdToken")
    func refusedProvisioningTokensAreLimited() async throws {
        try await APIHarness.with(.sqlite) { harness in
            let admin = try await harness.token(harness.admin)
            try await harness.test(defences: Self.slowRefill) { client in
                for attempt in 1...30 {
                    let guess = try await client.redeem(ProvisioningToken.generate().value)
                    try #require(guess.status == .forbidden, "guess \(attempt) answered \(guess.status)")
                }
                let limited = try await client.redeem(ProvisioningToken.generate().value)
                #expect(limited.status == .tooManyRequests)
                #expect(Int(limited.headers[.retryAfter] ?? "").map { $0 >= 1 } == true, "Retry-After: \(limited.headers[.retryAfter] ?? "none")")
                #expect(limited.details.contains("try again in"))
                let withToken = try await client.send(.get, "/\(harness.admin.customerID)/gateways", token: admin)
                #expect(withToken.status == .tooManyRequests, "the address is cut off, whatever it presents")
                #expect(try await client.send(.get, "/auth-information?id=\(harness.admin.customerID)").status == .ok, "open operations stay open")
            }
        }
    }

    @Test("after 30 refused IdTokens an address is answered 429; a user's permission refusals spend nothing")
    func refusedIdTokensAreLimitedButPermissionRefusalsAreNot() async throws {
        try await APIHarness.with(.sqlite) { harness in
            let reader = try await harness.token(harness.reader)
            let customer = harness.admin.customerID
            try await harness.test(defences: Self.slowRefill) { client in
                for _ in 1...40 {
                    let refused = try await client.send(.post, "/\(customer)/users", token: reader, json: #"{"email":"x@a.example","first_name":"X","last_name":"Y","role":"ADMIN_ROLE"}"#)
                    try #require(refused.status == .forbidden, "\(refused.status): \(refused.details)")
                }
                for attempt in 1...30 {
                    let bad = try await client.send(.get, "/\(customer)/gateways", token: "Bearer not-a-token-\(attempt)")
                    try #require(bad.status == .unauthorized, "attempt \(attempt) answered \(bad.status)")
                }
                #expect(try await client.send(.get, "/\(customer)/gateways", token: "Bearer not-a-token").status == .tooManyRequests)
            }
        }
    }

    @Test("every response, errors included, says nosniff and no-store")
    func responsesAreNeverCached() async throws {
        try await APIHarness.with(.sqlite) { harness in
            let admin = try await harness.token(harness.admin)
            try await harness.test { client in
                let responses = [
                    try await client.send(.get, "/auth-information?id=\(harness.admin.customerID)"),
                    try await client.send(.get, "/\(harness.admin.customerID)/gateways", token: admin),
                    try await client.send(.get, "/\(harness.admin.customerID)/gateways"),
                    try await client.send(.get, "/no/such/path"),
                    try await client.send(.get, "/health"),
                ]
                for response in responses {
                    #expect(response.headers[.cacheControl] == "no-store", "\(response.status)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(response.status)")
                }
            }
        }
    }

    @Test("GET /health and GET /ready answer 200 without a token")
    func healthAndReadiness() async throws {
        try await APIHarness.with(.sqlite) { harness in
            try await harness.test { client in
                let health = try await client.send(.get, "/health")
                #expect(health.status == .ok)
                #expect(health.object["status"] as? String == "ok")
                let ready = try await client.send(.get, "/ready")
                #expect(ready.status == .ok)
                #expect(ready.object["database"] as? String == "reachable")
            }
        }
    }

    @Test("GET /ready answers 503 naming the database once PostgreSQL refuses its connections; /health stays 200")
    func readinessFollowsTheDatabase() async throws {
        try await withFreshDatabase(.postgres) { location in
            guard case .postgres(let url) = location, let name = URLComponents(string: url)?.path.dropFirst() else {
                Issue.record("not a PostgreSQL location: \(location)")
                return
            }
            try await withTemporaryDirectory { dataDirectory in
                try await SQLStore.withStore(location) { store in
                    let secrets = try await SharedSecrets.open(store, dataDirectory: dataDirectory, masterKeyFile: TestMasterKey.file).secrets
                    let issuer = try await TokenIssuer.load(secrets: secrets)
                    let provisioning = try await ProvisioningService.onSharedState(secrets, gateways: store, store: store, settings: APIHarness.defaultSettings)
                    let server = InsightServer(store: store, verifier: issuer.verifier, provisioning: provisioning)
                    let app = Application(router: try server.router())
                    try await app.test(.router) { client in
                        #expect(try await client.send(.get, "/ready").status == .ok)
                        try await runOnTestPostgresServer("ALTER DATABASE \(name) ALLOW_CONNECTIONS false")
                        try await runOnTestPostgresServer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)'")
                        let notReady = try await client.send(.get, "/ready")
                        #expect(notReady.status == .serviceUnavailable)
                        #expect((notReady.object["database"] as? String)?.contains(String(name)) == true, "\(notReady.object)")
                        #expect(try await client.send(.get, "/health").status == .ok)
                    }
                }
            }
        }
    }

    @Test("insight serve closes idle connections, an unfinished request head and a body that stalls within its timeouts, and answers the stalled body 408")
    func slowClientsAreCutOff() async throws {
        // A process of its own, as the probe met it (in this process, a suite that waits for a
        // tool holds a thread the server's timers need). The idle timeout also closes a
        // connection that sends nothing that long in mid-request: longer here, so that the body
        // timeout's 408 is seen.
        try await withServeProcess(["--idle-timeout", "3", "--body-timeout", "1"]) { port, _ in
            let probes = try await SlowClientProbe.run(port: port)
            for name in ["idle", "unfinished head", "stalled body"] {
                let seconds = try #require(probes[name]?.seconds, "\(name): \(probes)")
                #expect(seconds < 8, "\(name) was still open after \(seconds) s")
            }
            #expect(probes["stalled body"]?.firstLine == "HTTP/1.1 408 Request Timeout", "\(probes)")
        }
    }

    @Test("with a certificate and key, the server speaks TLS: openssl s_client verifies the chain, curl gets /health")
    func servesTLS() async throws {
        try await withTemporaryDirectory { folder in
            let (certificate, key) = try makeServerCertificate(in: folder)
            let tls = try ServerTLS(certificateFile: certificate.path, keyFile: key.path)
            try await withListeningServer(tls: tls) { port, _ in
                let handshake = try await runToolOffThePool("openssl", [
                    "s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost", "-CAfile", certificate.path, "-verify_return_error",
                ], stdin: Data())
                #expect(handshake.stdoutText.contains("Verify return code: 0 (ok)"), "\(handshake.stdoutText)\(handshake.stderrText)")
                let health = try await runToolOffThePool("curl", ["-sS", "--cacert", certificate.path, "https://localhost:\(port)/health"])
                #expect(health.stdoutText == #"{"status":"ok"}"#, "\(health.stderrText)")
                let plain = try await runToolOffThePool("curl", ["-sS", "http://localhost:\(port)/health"])
                #expect(plain.stdoutText != health.stdoutText, "no plain HTTP on a TLS port")
            }
        }
    }

    @Test("insight serve --tls-cert --tls-key: openssl s_client completes a handshake; a wrong key stops the command naming the file")
    func serveCommandSpeaksTLS() async throws {
        try await withTemporaryDirectory { folder in
            let (certificate, key) = try makeServerCertificate(in: folder)
            let port = Int.random(in: 20_001...30_000)
            let arguments = ["serve", "--data-dir", folder.appendingPathComponent("data").path, "--port", String(port), "--mqtt-port", "0", "--tls-cert", certificate.path]
            let wrongKey = try await runToolOffThePool(insightExecutable(), arguments + ["--tls-key", certificate.path])
            #expect(wrongKey.status == 1)
            #expect(wrongKey.stderrText.contains("TLS: \(certificate.path)"), "\(wrongKey.stderrText)")

            try await withServeProcess(Array(arguments.dropFirst(3)) + ["--tls-key", key.path], port: port, dataDirectory: folder.appendingPathComponent("data")) { _, _ in
                let handshake = try await runToolOffThePool("openssl", ["s_client", "-connect", "127.0.0.1:\(port)", "-CAfile", certificate.path, "-verify_return_error"], stdin: Data())
                let output = handshake.stdoutText + handshake.stderrText
                #expect(output.contains("Verify return code: 0 (ok)"), "\(output)")
            }
        }
    }

    @Test("a key that is not the certificate's, or a missing file, is refused naming the file")
    func refusesUnusableTLSFiles() async throws {
        try await withTemporaryDirectory { folder in
            let (certificate, _) = try makeServerCertificate(in: folder)
            let otherKey = folder.appendingPathComponent("other.key")
            try requireTool("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", otherKey.path])
            #expect(throws: ServerTLSError.self) { try ServerTLS(certificateFile: certificate.path, keyFile: otherKey.path) }
            do {
                _ = try ServerTLS(certificateFile: folder.appendingPathComponent("missing.pem").path, keyFile: otherKey.path)
                Issue.record("a missing certificate file was accepted")
            } catch let error as ServerTLSError {
                #expect(error.description.contains("missing.pem"))
            }
        }
    }
}

extension APIHarness {
    /// Runs `body` with an in-process client of a router with `defences` instead of the default ones.
    func test(defences: ServerDefences, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var server = server
        server.defences = defences
        try await Application(router: try server.router()).test(.router, body)
    }
}

/// A self-signed P-256 certificate for localhost and 127.0.0.1, made by openssl.
func makeServerCertificate(in folder: URL) throws -> (certificate: URL, key: URL) {
    let certificate = folder.appendingPathComponent("server.pem"), key = folder.appendingPathComponent("server.key")
    try requireTool("openssl", [
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.path, "-out", certificate.path,
        "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
    ])
    return (certificate, key)
}

/// Runs a server of a fresh SQLite harness on a free loopback port for as long as `body` runs.
func withListeningServer(
    defences: ServerDefences = ServerDefences(), tls: ServerTLS? = nil, _ body: @escaping (Int, APIHarness) async throws -> Void
) async throws {
    try await APIHarness.with(.sqlite) { harness in
        var server = harness.server
        server.defences = defences
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try server.application(host: "127.0.0.1", port: 0, tls: tls) { continuation.yield($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body(port, harness)
            group.cancelAll()
        }
    }
}

/// Three slow clients at once, as an outside probe opens them (Python's sockets): one that
/// connects and sends nothing, one that stops in the middle of a request head, one that
/// promises a body of 100 bytes and sends 1. For each: the seconds until the server closed the
/// connection (nil when it was still open after 10 s) and the first line it answered.
enum SlowClientProbe {
    struct Outcome: CustomStringConvertible {
        let seconds: Double?
        let firstLine: String

        var description: String { "closed after \(seconds.map { "\($0) s" } ?? "never"): \(firstLine)" }
    }

    static func run(port: Int) async throws -> [String: Outcome] {
        let script = """
        import json, socket, sys, threading, time
        port = int(sys.argv[1])
        openings = {"idle": b"", "unfinished head": b"GET /health HTTP/1.1\\r\\nHost: x\\r\\n",
                    "stalled body": b"POST /provisioning HTTP/1.1\\r\\nHost: x\\r\\nContent-Type: application/json\\r\\nContent-Length: 100\\r\\n\\r\\n{"}
        outcomes = {}
        def probe(name, opening):
            s = socket.create_connection(("127.0.0.1", port)); s.sendall(opening); s.settimeout(10)
            start, received = time.time(), b""
            try:
                while True:
                    chunk = s.recv(4096)
                    if not chunk: break
                    received += chunk
                seconds = time.time() - start
            except socket.timeout:
                seconds = None
            except ConnectionResetError:
                seconds = time.time() - start
            outcomes[name] = {"seconds": seconds, "first_line": received.split(b"\\r\\n")[0].decode("latin-1")}
        threads = [threading.Thread(target=probe, args=item) for item in openings.items()]
        for t in threads: t.start()
        for t in threads: t.join()
        print(json.dumps(outcomes))
        """
        let run = try await runToolOffThePool("python3", ["-c", script, String(port)])
        try #require(run.status == 0, "\(run.stderrText)")
        let decoded = try JSONSerialization.jsonObject(with: run.stdout) as? [String: [String: Any]] ?? [:]
        return decoded.mapValues { Outcome(seconds: $0["seconds"] as? Double, firstLine: $0["first_line"] as? String ?? "") }
    }
}

/// What an administrator can make grow is bounded per customer.
@Suite("Customer quotas") struct CustomerQuotaTests {
    @Test("creating past the gateway quota is refused with 403 naming it, all or nothing; another customer is not affected")
    func gatewayQuota() async throws {
        try await APIHarness.with(.sqlite) { harness in
            let admin = try await harness.token(harness.admin)
            let other = try await harness.token(harness.otherAdmin)
            try await harness.test(defences: ServerDefences(maximumGatewaysPerCustomer: 3)) { client in
                let customer = harness.admin.customerID
                _ = try await client.createGateways(["Q-1", "Q-2"], customer: customer, token: admin)
                let over = try await client.send(.post, "/\(customer)/gateways/bulk-create", token: admin, json: try bulkBody(["Q-3", "Q-4"]))
                #expect(over.status == .forbidden)
                #expect(over.details.contains("quota of 3"), "\(over.details)")
                #expect(over.details.contains("--max-gateways-per-customer"))
                let single = try await client.send(.post, "/\(customer)/gateways", token: admin, json: #"{"name":"Q-3","usecase":"Picking","station":"S"}"#)
                #expect(single.status == .created, "the third still fits: \(single.details)")
                #expect(try await client.send(.post, "/\(customer)/gateways", token: admin, json: #"{"name":"Q-4","usecase":"Picking","station":"S"}"#).status == .forbidden)
                let listed = try await client.send(.get, "/\(customer)/gateways", token: admin)
                #expect((listed.object["items"] as? [Any])?.count == 3, "the refused bulk-create created nothing")
                _ = try await client.createGateways(["Q-1", "Q-2", "Q-3"], customer: harness.otherAdmin.customerID, token: other)
            }
        }
    }

    @Test("reissues past the customer's daily quota are answered 429 with Retry-After and revoke nothing")
    func reissueQuota() async throws {
        var settings = APIHarness.defaultSettings
        settings.maximumReissuesPerDay = 2
        try await APIHarness.with(.sqlite, settings: settings) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let ids = try await client.createGateways(["R-1", "R-2"], customer: customer, token: admin)
                for name in ["R-1", "R-2"] {
                    try #require(try await client.send(.post, "/\(customer)/gateways/\(try #require(ids[name]))/prepare-provisioning", token: admin).status == .ok)
                }
                let r1 = try #require(ids["R-1"]), r2 = try #require(ids["R-2"])
                #expect(try await client.send(.post, "/\(customer)/gateways/\(r1)/reissue", token: admin).status == .ok)
                #expect(try await client.send(.post, "/\(customer)/gateways/\(r2)/reissue", token: admin).status == .ok)
                let third = try await client.send(.post, "/\(customer)/gateways/\(r1)/reissue", token: admin)
                #expect(third.status == .tooManyRequests)
                #expect(Int(third.headers[.retryAfter] ?? "").map { $0 > 86_000 } == true, "Retry-After: \(third.headers[.retryAfter] ?? "none")")
                #expect(third.details.contains("--max-reissues-per-day"))
                let crl = try await client.send(.get, "/\(customer)/crl", token: admin)
                #expect(String(buffer: crl.body).contains("BEGIN X509 CRL"))
                let revoked = try await harness.store.revokedCertificates(customerID: customer)
                #expect(revoked.count == 2, "the refused reissue revoked nothing")
            }
        }
    }
}
