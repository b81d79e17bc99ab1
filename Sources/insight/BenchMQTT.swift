import ArgumentParser
import AsyncHTTPClient
import Foundation
import InsightAPI
import InsightAuth
import InsightCore
import InsightMQTT
import InsightProvisioning
import InsightSimulator
import InsightStore
import Logging
import NIOCore

/// `insight bench mqtt`: live scans from simulated gateways through mosquitto into the server.
struct BenchMQTT: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mqtt",
        abstract: "Scans from simulated gateways over MQTT (mutual TLS, QoS 1) into the server: throughput, latency to GET /events, losses.",
        discussion: """
            Assembles the server as `insight serve` does (HTTP, the supervised mosquitto, the ingester) on loopback \
            ports, makes and redeems one package per gateway, and runs two phases with `insight simulate`'s gateways: \
            at full speed (the sustained rate of stored scans), then at --rate scans per second in all (latency from \
            publish until the scan is in GET /events, sampled, with p50/p99). Every phase counts the scans lost: \
            acknowledged by the broker but not stored.
            """
    )

    @Option(help: "Simulated gateways, one MQTT connection each.")
    var gateways: Int = 50

    @Option(help: "Scans each gateway publishes in the full-speed phase.")
    var scans: Int = 2000

    @Option(help: "Scans per second in all, for the latency phase (spread over the gateways).")
    var rate: Double = 5000

    @Option(help: "Seconds the latency phase lasts.")
    var seconds: Double = 10

    @Option(help: ArgumentHelp("Also measure on this PostgreSQL database (it grows by the run).", valueName: "url"))
    var postgres: String?

    func run() async throws {
        guard MosquittoSupervisor.executable() != nil else { throw CommandFailure("mosquitto is not installed: run scripts/install-deps.", exitCode: 1) }
        print("goals: >= 5,000 scans/s stored, p99 publish -> GET /events <= 200 ms, 0 lost at QoS 1 (\(gateways) gateways, release=\(BenchOnboard.isRelease ? "yes" : "no"))")
        try await BenchDatabases.each(postgres: postgres) { name, store, _, folder in
            print("== \(name)")
            try await MQTTBenchmark(store: store, dataDirectory: folder, gatewayCount: gateways).run(
                fullSpeedScans: scans, rate: rate, latencySeconds: seconds
            )
        }
    }
}

/// One run of the MQTT benchmark on one store.
struct MQTTBenchmark {
    let store: SQLStore
    let dataDirectory: URL
    let gatewayCount: Int

    func run(fullSpeedScans: Int, rate: Double, latencySeconds: Double) async throws {
        let started = ContinuousClock.now
        let accounts = AccountService(customers: store, users: store)
        let admin = try await accounts.ensureUser(customer: .new, email: "bench@example.com", role: .admin)
        let principal = Principal(userID: admin.id, customerID: admin.customerID, email: admin.email, roles: admin.roles)
        let (httpPort, mqttPort) = (Int.random(in: 30_000...39_999), Int.random(in: 40_000...49_999))
        let publicURL = "http://127.0.0.1:\(httpPort)"
        let secrets = try await SharedSecrets.open(store, dataDirectory: dataDirectory, masterKeyFile: nil).secrets
        let provisioning = try await ProvisioningService.onSharedState(
            secrets, gateways: store, store: store, settings: ProvisioningSettings(publicURL: publicURL, mqttEndpoint: "mqtts://127.0.0.1:\(mqttPort)")
        )
        let created = try await GatewayService(store: store).bulkCreate(
            principal, customerID: admin.customerID,
            drafts: (0..<gatewayCount).map { GatewayDraft(name: "LIVE-\($0)", usecase: "Picking", station: "S\($0 % 12)") }
        )
        _ = try await provisioning.createPackages(principal, customerID: admin.customerID, request: .init(gateways: created.map { .id($0.id.lowercasedString) }))
        let sealedStore = SealedProvisioningStore(store, sealer: secrets.sealer)
        let packages = dataDirectory.appendingPathComponent("packages", isDirectory: true)
        try FileManager.default.createDirectory(at: packages, withIntermediateDirectories: true)
        for gateway in created {
            guard let package = try await sealedStore.latestPackage(gatewayID: gateway.id, customerID: admin.customerID) else { continue }
            try package.data.write(to: packages.appendingPathComponent(package.fileName))
        }

        var quiet = Logger(label: "insight.bench")
        quiet.logLevel = .critical
        let statistics = IngestStatistics()
        let services = try await LiveGateways(broker: .supervised(port: mqttPort)).services(
            secrets: secrets, dataDirectory: dataDirectory, listenHost: "127.0.0.1", gatewayHosts: [], store: store, logger: quiet, statistics: statistics
        )
        let issuer = try await TokenIssuer.load(secrets: secrets)
        let token = try await issuer.issue(for: admin)
        let server = InsightServer(store: store, verifier: issuer.verifier, provisioning: provisioning, backgroundServices: services)
        let app = try server.application(host: "127.0.0.1", port: httpPort, logger: quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            while !statistics.isSubscribed { try await Task.sleep(for: .milliseconds(20)) }
            var identities: [GatewayIdentity] = []
            for file in try GatewaySimulation.packages(in: [packages.path], limit: nil) {
                identities.append(try await GatewayIdentity.provision(package: file, password: nil, http: .shared))
            }
            print(String(format: "set-up: %d gateways made, packaged and redeemed in %.1f s (start-up included)", gatewayCount, seconds(since: started)))
            let http = BenchHTTP(base: publicURL, token: token)
            let customer = admin.customerID

            let fullSpeed = try await phase(identities, scansPerGateway: fullSpeedScans, rate: nil, statistics: statistics, http: http, customer: customer)
            print(String(
                format: "full speed: %d scans acknowledged in %.2f s; stored at %.0f scans/s sustained (all %d stored %.2f s after the first publish); %d lost",
                fullSpeed.acknowledged, fullSpeed.publishSeconds, fullSpeed.sustainedRate, fullSpeed.stored, fullSpeed.storedSeconds, fullSpeed.lost
            ))
            let perGateway = rate / Double(identities.count)
            let paced = try await phase(
                identities, scansPerGateway: max(1, Int(perGateway * latencySeconds)), rate: perGateway, statistics: statistics, http: http, customer: customer,
                measuresLatency: true
            )
            print(String(format: "at %.0f scans/s offered: stored at %.0f scans/s; %d lost; ", rate, paced.sustainedRate, paced.lost)
                + paced.latencies.summary("latency publish -> GET /events (every scan of one gateway)"))
            group.cancelAll()
        }
    }

    struct PhaseFigures {
        var acknowledged = 0
        var stored = 0
        var lost = 0
        var publishSeconds = 0.0
        var storedSeconds = 0.0
        var sustainedRate = 0.0
        var latencies = Samples([])
    }

    /// Publishes, watches the ingester's count every 20 ms, samples latencies over HTTP, and at
    /// the end checks in the store that every acknowledged scan is there.
    private func phase(
        _ identities: [GatewayIdentity], scansPerGateway: Int, rate: Double?, statistics: IngestStatistics, http: BenchHTTP, customer: String,
        measuresLatency: Bool = false
    ) async throws -> PhaseFigures {
        let storedBefore = statistics.current.stored
        let probes = LatencyProbes(http: http, customer: customer, enabled: measuresLatency)
        let total = identities.count * scansPerGateway
        var progress: [(at: ContinuousClock.Instant, stored: Int)] = []
        let watcher = Task {
            var points: [(at: ContinuousClock.Instant, stored: Int)] = []
            while !Task.isCancelled {
                let stored = statistics.current.stored - storedBefore
                points.append((.now, stored))
                if stored >= total { break }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return points
        }
        let report = try await GatewaySimulation(scansPerGateway: scansPerGateway, rate: rate).run(identities) { scan in probes.published(scan) }
        var figures = PhaseFigures(acknowledged: report.acknowledged, publishSeconds: report.seconds)
        let deadline = ContinuousClock.now + .seconds(30)
        while statistics.current.stored - storedBefore < report.acknowledged, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(100))
        watcher.cancel()
        progress = await watcher.value
        figures.latencies = await probes.finish()
        figures.stored = statistics.current.stored - storedBefore
        figures.lost = report.acknowledged - figures.stored
        let last = progress.last { $0.stored >= total } ?? progress.last
        figures.storedSeconds = last.map { seconds(from: report.publishingStarted, to: $0.at) } ?? 0
        // Sustained: between 10 % and 90 % of the scans stored, away from start-up and drain.
        if let low = progress.first(where: { $0.stored >= total / 10 }), let high = progress.first(where: { $0.stored >= total * 9 / 10 }), high.at > low.at {
            figures.sustainedRate = Double(high.stored - low.stored) / seconds(from: low.at, to: high.at)
        }
        return figures
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double { seconds(from: start, to: .now) }

    private func seconds(from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Double {
        let parts = (end - start).components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// Measures how long until `GET /events` lists each scan of one gateway (the first one seen):
/// one request every 5 ms asks for that gateway's events between the oldest and the newest
/// scan still unseen, whatever their number, so that the measuring adds the same small load
/// however far the server falls behind (a request per sampled scan would add more load the
/// slower it gets).
final class LatencyProbes: @unchecked Sendable {
    private let http: BenchHTTP
    private let customer: String
    private let enabled: Bool
    private let lock = NSLock()
    private var gatewayID: String?
    private var pending: [String: (createdMillis: Int64, publishedAt: ContinuousClock.Instant)] = [:]
    private var latencies: [Double] = []
    private var finishing = false
    private var poller: Task<Void, Never>?

    init(http: BenchHTTP, customer: String, enabled: Bool) {
        self.http = http
        self.customer = customer
        self.enabled = enabled
    }

    func published(_ scan: PublishedScan) {
        guard enabled else { return }
        let startPoller: Bool = lock.withLock {
            if gatewayID == nil { gatewayID = scan.gatewayID }
            guard scan.gatewayID == gatewayID else { return false }
            pending[scan.id.lowercasedString] = (scan.createdMillis, scan.publishedAt)
            return poller == nil
        }
        if startPoller {
            let task = Task { await poll() }
            lock.withLock { poller = task }
        }
    }

    private func poll() async {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let (window, done): ((Int64, Int64)?, Bool) = lock.withLock {
                let times = pending.values.map(\.createdMillis)
                return (times.min().map { ($0, times.max() ?? $0) }, finishing && pending.isEmpty)
            }
            if done { return }
            if let (from, to) = window, let gatewayID = lock.withLock({ self.gatewayID }),
               let body = try? await http.get("/\(customer)/events?gateway_id=\(gatewayID)&start_time_millis=\(from)&end_time_millis=\(to)&limit=500") {
                let seenAt = ContinuousClock.now
                let ids = ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["items"] as? [[String: Any]] ?? []
                lock.withLock {
                    for case let id as String in ids.map({ $0["id"] }) {
                        guard let scan = pending.removeValue(forKey: id) else { continue }
                        let parts = (seenAt - scan.publishedAt).components
                        latencies.append((Double(parts.seconds) + Double(parts.attoseconds) / 1e18) * 1000)
                    }
                }
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// The latencies (ms) of every scan of the sampled gateway, once all were seen.
    func finish() async -> Samples {
        let task: Task<Void, Never>? = lock.withLock {
            finishing = true
            return poller
        }
        await task?.value
        return Samples(lock.withLock { latencies })
    }
}
