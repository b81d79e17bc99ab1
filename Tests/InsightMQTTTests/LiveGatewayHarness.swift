import Foundation
import InsightAPI
import InsightCore
import InsightMQTT
import InsightProvisioning
import InsightStore
import InsightTestSupport
import Logging
import ServiceLifecycle
import Testing

/// A data directory, a store with one customer, a supervised mosquitto on a free port and an
/// ingester: the live-gateway part of `insight serve`, assembled as serve assembles it.
struct LiveGatewayHarness {
    let folder: URL
    let store: SQLStore
    let customer: Customer
    let port: Int
    let provisioning: ProvisioningService
    let statistics = IngestStatistics()
    let admin: Principal
    /// The store's shared keys and CAs.
    let secrets: SharedSecrets

    init(folder: URL, store: SQLStore, customer: Customer) async throws {
        self.folder = folder
        self.store = store
        self.customer = customer
        port = Self.freePort()
        secrets = try await SharedSecrets.open(store, dataDirectory: folder, masterKeyFile: TestMasterKey.file).secrets
        provisioning = try await ProvisioningService.onSharedState(
            secrets, gateways: store, store: store,
            settings: ProvisioningSettings(publicURL: "http://127.0.0.1:1", mqttEndpoint: "mqtts://127.0.0.1:\(port)")
        )
        admin = Principal(userID: "admin", customerID: customer.id, email: nil, roles: [.admin])
    }

    /// Runs `body` with a harness whose broker and ingester run (both backends' stores work alike).
    static func withRunning(_ database: TestDatabase, _ body: (LiveGatewayHarness) async throws -> Void) async throws {
        try await withTemporaryDirectory { folder in
            try await withStore(database) { store, customer in
                let harness = try await LiveGatewayHarness(folder: folder, store: store, customer: customer)
                try await harness.running(broker: true, ingester: true) { try await body(harness) }
            }
        }
    }

    /// Runs the broker and/or the ingester for as long as `body` runs, then shuts them down
    /// gracefully; waits for the broker to listen and the ingester to subscribe first.
    ///
    /// - Parameter externalIngester: the ingester as `serve --mqtt-broker` runs it, with this
    ///   client id and subscription, instead of the supervised broker's own.
    func running(broker: Bool, ingester: Bool, externalIngester: (clientID: String, subscription: String)? = nil, _ body: () async throws -> Void) async throws {
        var logger = Logger(label: "test.mqtt")
        logger.logLevel = .critical
        let all = try await LiveGateways(broker: .supervised(port: port)).services(
            secrets: secrets, dataDirectory: folder, listenHost: "127.0.0.1", gatewayHosts: [], store: store, logger: logger, statistics: statistics
        )
        var chosen = [broker ? all[0] : nil, ingester ? all[1] : nil].compactMap { $0 }
        if let externalIngester {
            chosen += try await LiveGateways(
                broker: .external(MQTTEndpoint(host: "127.0.0.1", port: port)), clientID: externalIngester.clientID, subscription: externalIngester.subscription
            ).services(secrets: secrets, dataDirectory: folder, listenHost: "127.0.0.1", gatewayHosts: [], store: store, logger: logger, statistics: statistics)
        }
        let waitsForIngester = ingester || externalIngester != nil
        let group = ServiceGroup(services: chosen, gracefulShutdownSignals: [], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            if broker { try await waitFor("the broker to listen") { TCPProbe.accepts(host: "127.0.0.1", port: port) } }
            if waitsForIngester { try await waitFor("the ingester to subscribe") { statistics.isSubscribed } }
            do {
                try await body()
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// The broker's process id, found by its command line in /proc (polling loops start no
    /// processes: Foundation's `Process` has been seen to miss a child's exit under load).
    var brokerProcess: String? {
        let configuration = folder.appendingPathComponent("mqtt/mosquitto.conf").path
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return processes.first { pid in
            guard pid.allSatisfy(\.isNumber), let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: commandLine, as: UTF8.self).contains(configuration)
        }
    }

    var brokerLog: String {
        (try? String(contentsOf: folder.appendingPathComponent("mqtt/mosquitto.log"), encoding: .utf8)) ?? ""
    }

    /// New gateways, provisioned: each with its token redeemed as a gateway would. Returns once
    /// the broker knows the CRL of the customer's CA (made with its first gateway), without which
    /// it refuses the customer's gateways.
    func provisionedGateways(_ count: Int, waitForBroker: Bool = true) async throws -> [ProvisionedGateway] {
        let reloadsBefore = reloads
        var gateways: [ProvisionedGateway] = []
        for index in 0..<count {
            let gateway = makeGateway("Gateway \(index)", in: customer)
            try await store.insert([gateway])
            let prepared = try await provisioning.prepare(admin, customerID: customer.id, gatewayID: gateway.id.lowercasedString)
            gateways.append(try await ProvisionedGateway.redeeming(prepared.token.value, with: provisioning, in: folder))
        }
        if waitForBroker { try await waitUntilTheBrokerHasTheCurrentCRLs(reloadsBefore: reloadsBefore) }
        return gateways
    }

    /// Waits until the broker's CRL file holds the customer's current CRL and the broker reloaded
    /// since `reloadsBefore`. (The file holds every CA's CRL of the database: on the shared test
    /// PostgreSQL, other tests' customers come and go meanwhile.)
    func waitUntilTheBrokerHasTheCurrentCRLs(reloadsBefore: Int) async throws {
        let name = SharedStateName.revocationList(of: SharedStateName.issuingAuthority(customerID: customer.id))
        let current = try #require(try await secrets.state.sharedValue(named: name).map { String(decoding: $0, as: UTF8.self) })
        let file = folder.appendingPathComponent("mqtt/crl.pem")
        try await waitFor("the broker's CRL file to hold the customer's current CRL") {
            (try? String(contentsOf: file, encoding: .utf8))?.contains(current) == true
        }
        try await waitFor("the broker to reload its CRLs") { reloads > reloadsBefore }
    }

    /// How often the broker reloaded its configuration and CRLs.
    var reloads: Int { brokerLog.components(separatedBy: "Reloading config").count - 1 }

    /// The events stored for `gatewayID`.
    func storedEvents(of gatewayID: UUID) async throws -> [Event] {
        let query = EventQuery(start: Timestamp(rawValue: 0), end: Timestamp(rawValue: Int64(Date().timeIntervalSince1970 * 1000) + 60_000), gatewayID: gatewayID)
        return try await store.events(customerID: customer.id, query: query, after: nil, limit: 500).items
    }

    /// Waits (up to 10 s) until `gatewayID` has `count` events; returns them.
    @discardableResult
    func waitForEvents(_ count: Int, of gatewayID: UUID) async throws -> [Event] {
        var events: [Event] = []
        try await waitFor("\(count) events of \(gatewayID)") {
            events = (try? await storedEvents(of: gatewayID)) ?? []
            return events.count >= count
        }
        return events
    }

    private static func freePort() -> Int { Int.random(in: 20_000...40_000) }
}

/// A provisioned gateway's credentials as files an independent client reads: the certificate
/// (with its issuing CA) and key that `openssl pkcs12` extracts from what the token redeemed,
/// and the CA chain of its package.
struct ProvisionedGateway {
    let id: UUID
    let topicPrefix: String
    let certificateFile: URL
    let keyFile: URL
    let chainFile: URL

    var topic: String { GatewayEventTopic.name(prefix: topicPrefix, thingName: id.lowercasedString) }

    static func redeeming(_ token: String, with provisioning: ProvisioningService, in folder: URL) async throws -> ProvisionedGateway {
        let redemption = try await provisioning.redeem(token: token)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let base = folder.appendingPathComponent(redemption.gateway.thingName)
        let p12 = base.appendingPathExtension("p12")
        try redemption.pkcs12.write(to: p12)
        let certificate = base.appendingPathExtension("crt")
        let key = base.appendingPathExtension("key")
        try requireTool("openssl", ["pkcs12", "-in", p12.path, "-passin", "pass:\(token)", "-nokeys", "-out", certificate.path])
        try requireTool("openssl", ["pkcs12", "-in", p12.path, "-passin", "pass:\(token)", "-nocerts", "-nodes", "-out", key.path])
        let chain = folder.appendingPathComponent("chain.pem")
        try requireTool("openssl", ["pkcs12", "-in", p12.path, "-passin", "pass:\(token)", "-nokeys", "-cacerts", "-out", chain.path])
        return ProvisionedGateway(
            id: redemption.gateway.id, topicPrefix: redemption.mqttTopicPrefix, certificateFile: certificate, keyFile: key, chainFile: chain
        )
    }

    /// `mosquitto_pub` as this gateway: one QoS 1 message to `topic` (its own by default).
    func publish(_ payload: String, to topic: String? = nil, port: Int) throws -> ToolResult {
        let result = try runTool("mosquitto_pub", [
            "-h", "127.0.0.1", "-p", String(port), "-V", "mqttv311", "-q", "1", "-i", id.lowercasedString,
            "--cafile", chainFile.path, "--cert", certificateFile.path, "--key", keyFile.path,
            "-t", topic ?? self.topic, "-m", payload,
        ])
        if result.status != 0 { print("mosquitto_pub exited \(result.status): \(result.stderrText)") }
        return result
    }
}

/// Runs `tool` and requires it to exit 0; returns its standard output.
@discardableResult
func requireTool(_ tool: String, _ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let result = try runTool(tool, args)
    try #require(result.status == 0, "\(tool) \(args.joined(separator: " ")) exited \(result.status): \(result.stderrText)", sourceLocation: sourceLocation)
    return result.stdoutText
}

/// Polls `condition` every 50 ms for up to `seconds`; fails the test naming `what`, with what
/// `diagnostics` says (a server's log, say), when it never holds.
///
/// The default of 60 s only catches hangs: at the start of a full run, every suite competes for
/// the two cores, and a server that starts in 0.3 s alone has taken close to 20 s there.
func waitFor(
    _ what: String, seconds: Double = 60, diagnostics: () -> String = { "" }, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    // A waiter starved past the deadline (its thread lent to a tool another test waits for)
    // looks once more before it fails.
    if try await condition() { return }
    let details = diagnostics()
    Issue.record("Timed out after \(seconds) s waiting for \(what)\(details.isEmpty ? "" : ":\n\(details)")", sourceLocation: sourceLocation)
    throw WaitTimeout()
}

struct WaitTimeout: Error {}
