import Foundation
import InsightCore
import InsightMQTT
import InsightPKI

/// Gateways publishing scans as they do in the field: each connects to its package's
/// `mqtt_endpoint` with the certificate it redeemed (mutual TLS, the package's CA chain as the
/// only trust) and publishes scans as QoS 1 JSON events to `{mqtt_topic_prefix}/gateway/{id}/events`.
public struct GatewaySimulation: Sendable {
    /// How many scans each gateway publishes, and how fast.
    public var scansPerGateway: Int
    /// Scans per second per gateway; nil: as fast as the broker acknowledges (at most 1,000 unacknowledged).
    public var rate: Double?
    /// How long to wait without any acknowledgement before giving up.
    public var stallTimeout: Duration = .seconds(30)

    public init(scansPerGateway: Int, rate: Double?) {
        self.scansPerGateway = scansPerGateway
        self.rate = rate
    }

    /// What the gateways did.
    public struct Report: Sendable {
        public var gateways = 0
        public var published = 0
        public var acknowledged = 0
        /// Acknowledged with a refusal (an MQTT 5 reason code from 0x80, such as "not authorized").
        public var refused = 0
        /// From the first publish until the last acknowledgement.
        public var seconds = 0.0
        /// When the first scan was published (after every gateway connected).
        public var publishingStarted = ContinuousClock.now
    }

    /// The `.zip` packages `paths` name: files as they are, folders by their `.zip` files in name
    /// order; at most `limit` of them.
    ///
    /// - Throws: `SimulatorError.noPackages` for a folder without packages.
    public static func packages(in paths: [String], limit: Int?) throws -> [URL] {
        var found: [URL] = []
        for path in paths {
            var isFolder: ObjCBool = false
            let url = URL(fileURLWithPath: path)
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                let zips = try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
                    .filter { $0.pathExtension.lowercased() == "zip" }
                    .sorted { $0.lastPathComponent < $1.lastPathComponent }
                guard !zips.isEmpty else { throw SimulatorError.noPackages(path) }
                found += zips
            } else {
                found.append(url)
            }
        }
        return limit.map { Array(found.prefix($0)) } ?? found
    }

    /// Connects every gateway, then has all publish at once; returns when every scan was
    /// acknowledged. `onScan` is called with each scan as it is published (for latency figures).
    ///
    /// - Throws: `MQTTError.connectionFailed` when the broker refuses a gateway (a revoked
    ///   certificate), naming the package; `SimulatorError` when acknowledgements stop coming.
    public func run(_ identities: [GatewayIdentity], onScan: @escaping @Sendable (PublishedScan) -> Void = { _ in }) async throws -> Report {
        var connections: [(GatewayIdentity, MQTTConnection)] = []
        defer { for (_, connection) in connections { Task { await connection.stop() } } }
        for identity in identities {
            let connection = try connect(identity)
            do {
                try await connection.connect()
            } catch {
                throw SimulatorError.package(identity.package.path, "\(error)")
            }
            connections.append((identity, connection))
        }
        let start = ContinuousClock.now
        var report = Report()
        report.gateways = connections.count
        report.publishingStarted = start
        var senders = connections.map { ScanSender(identity: $0.0, connection: $0.1) }
        if let rate { await publishPaced(&senders, rate: rate, onScan: onScan) }
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for sender in senders {
                group.addTask { try await publishAtFullSpeed(sender, onScan: onScan) }
            }
            for try await (acknowledged, refused) in group {
                report.acknowledged += acknowledged
                report.refused += refused
            }
        }
        report.published = connections.count * scansPerGateway
        let elapsed = (ContinuousClock.now - start).components
        report.seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        return report
    }

    private func connect(_ identity: GatewayIdentity) throws -> MQTTConnection {
        let endpoint = try MQTTEndpoint(url: identity.provisioning.mqtt_endpoint)
        let tls = try TLSClientContext(identity: identity.credentials, trusting: identity.authorities, serverName: endpoint.host)
        return try MQTTConnection(endpoint: endpoint, tls: tls, options: .init(clientID: identity.thingName, cleanSession: true))
    }

    /// Publishes every gateway's scans at `rate` per second each, in ticks of 20 ms: one timer
    /// for all gateways, not one per gateway and scan.
    private func publishPaced(_ senders: inout [ScanSender], rate: Double, onScan: @Sendable (PublishedScan) -> Void) async {
        let start = ContinuousClock.now
        var published = 0
        var tick = 0
        while published < scansPerGateway {
            tick += 1
            try? await Task.sleep(until: start + .milliseconds(20 * tick))
            let due = min(scansPerGateway, Int(Double(tick) * rate / 50))
            while published < due {
                for index in senders.indices { senders[index].publish(onScan: onScan) }
                published += 1
            }
        }
    }

    /// Publishes the gateway's remaining scans as fast as the broker acknowledges them (at most
    /// `window` unacknowledged), then waits for every acknowledgement.
    private func publishAtFullSpeed(_ sender: ScanSender, onScan: @Sendable (PublishedScan) -> Void) async throws -> (Int, Int) {
        var sender = sender
        let connection = sender.connection
        while sender.published < scansPerGateway {
            if sender.published - connection.acknowledged.all >= Self.window {
                try await waitForAcknowledgements(sender.published - Self.window / 2, from: connection, package: sender.identity.package)
            }
            sender.publish(onScan: onScan)
        }
        try await waitForAcknowledgements(scansPerGateway, from: connection, package: sender.identity.package)
        let acknowledged = connection.acknowledged
        return (acknowledged.all, acknowledged.refused)
    }

    /// Unacknowledged scans a gateway publishing at full speed allows itself.
    static let window = 1000

    /// Waits until `count` scans were acknowledged, failing when none come for `stallTimeout`
    /// (the connection is then stopped).
    private func waitForAcknowledgements(_ count: Int, from connection: MQTTConnection, package: URL) async throws {
        let watchdog = Task { [stallTimeout] in
            var last = connection.acknowledged.all
            var quietSince = ContinuousClock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                let now = connection.acknowledged.all
                if now >= count { return }
                if now != last {
                    (last, quietSince) = (now, .now)
                } else if ContinuousClock.now - quietSince > stallTimeout {
                    await connection.stop()
                    return
                }
            }
        }
        await connection.waitForAcknowledgements(count)
        watchdog.cancel()
        let acknowledged = connection.acknowledged.all
        guard acknowledged >= count else {
            throw SimulatorError.package(package.path, "the broker acknowledged \(acknowledged) of \(count) scans and then nothing for \(stallTimeout)")
        }
    }
}

extension GatewayIdentity {
    /// The gateway's thing name (its certificate's CN and topic level).
    public var thingName: String { provisioning.gateway.thingName ?? provisioning.gateway.id }
}

/// One gateway's connection, topic and scans.
struct ScanSender: Sendable {
    let identity: GatewayIdentity
    let connection: MQTTConnection
    let topic: String
    private var scans: ScanPayloads
    private(set) var published = 0

    init(identity: GatewayIdentity, connection: MQTTConnection) {
        self.identity = identity
        self.connection = connection
        topic = GatewayEventTopic.name(prefix: identity.provisioning.mqtt_topic_prefix, thingName: identity.thingName)
        scans = ScanPayloads(gateway: identity.thingName)
    }

    mutating func publish(onScan: (PublishedScan) -> Void) {
        let (scan, payload) = scans.next()
        onScan(scan)
        connection.publish(topic: topic, payload: payload)
        published += 1
    }
}

/// A scan as it was published.
public struct PublishedScan: Sendable {
    public let id: UUID
    public let gatewayID: String
    /// The event's `created` (ms).
    public let createdMillis: Int64
    public let publishedAt: ContinuousClock.Instant
}

/// Scan events as a gateway publishes them: the seed's event, a fresh id each, an EAN-13 code.
/// Random values come from a generator seeded once (a system random number per value would cost
/// a system call each).
struct ScanPayloads: Sendable {
    let gateway: String
    private var random = SplitMix64(seed: UInt64.random(in: .min ... .max))

    init(gateway: String) {
        self.gateway = gateway
    }

    mutating func next() -> (PublishedScan, [UInt8]) {
        let id = UUID(random: &random)
        let code = String(random.next() % 10_000_000_000_000).leftPadded(to: 13)
        let millis = Int64(Date().timeIntervalSince1970 * 1000)
        let json = """
            {"id":"\(id.lowercasedString)","class":"event","type":"scan","created":\(millis),"scan_code":"\(code)",\
            "scan_decode_symbology":"EAN-13","scan_duration":\(40 + random.next() % 360),"device_id":"SIM-\(gateway.prefix(8))",\
            "device_battery":\(20 + random.next() % 81),"gateway_id":"\(gateway)"}
            """
        return (PublishedScan(id: id, gatewayID: gateway, createdMillis: millis, publishedAt: .now), Array(json.utf8))
    }
}

/// SplitMix64 (Steele, Lea and Flood): fast, and plenty for test data.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension UUID {
    /// A version 4 UUID from `generator`.
    init(random generator: inout some RandomNumberGenerator) {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        self.init(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

extension String {
    func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
