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
        public var seconds = 0.0
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
    /// acknowledged. `onScan` is called with each scan's event id and publish time (for latency).
    ///
    /// - Throws: `MQTTError.connectionFailed` when the broker refuses a gateway (a revoked
    ///   certificate), naming the package; `SimulatorError` when acknowledgements stop coming.
    public func run(_ identities: [GatewayIdentity], onScan: @escaping @Sendable (UUID, ContinuousClock.Instant) -> Void = { _, _ in }) async throws -> Report {
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
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for (identity, connection) in connections {
                group.addTask { try await publishScans(from: identity, over: connection, onScan: onScan) }
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

    private func publishScans(
        from identity: GatewayIdentity, over connection: MQTTConnection, onScan: @Sendable (UUID, ContinuousClock.Instant) -> Void
    ) async throws -> (Int, Int) {
        let topic = GatewayEventTopic.name(prefix: identity.provisioning.mqtt_topic_prefix, thingName: identity.thingName)
        let scans = ScanPayloads(gateway: identity.thingName)
        let start = ContinuousClock.now
        for index in 0..<scansPerGateway {
            if let rate {
                try? await Task.sleep(until: start + .seconds(Double(index) / rate))
            } else if index >= Self.window {
                try await waitForAcknowledgements(index - Self.window, from: connection, package: identity.package)
            }
            let (id, payload) = scans.next()
            onScan(id, .now)
            connection.publish(topic: topic, payload: payload)
        }
        try await waitForAcknowledgements(scansPerGateway, from: connection, package: identity.package)
        let acknowledged = connection.acknowledged
        return (acknowledged.all, acknowledged.refused)
    }

    /// Unacknowledged scans a gateway publishing at full speed allows itself.
    static let window = 1000

    /// Waits until `count` scans were acknowledged, failing when none come for `stallTimeout`.
    private func waitForAcknowledgements(_ count: Int, from connection: MQTTConnection, package: URL) async throws {
        var last = connection.acknowledged.all
        var lastProgress = ContinuousClock.now
        while last < count {
            try await Task.sleep(for: .milliseconds(2))
            let now = connection.acknowledged.all
            if now != last {
                last = now
                lastProgress = .now
            } else if ContinuousClock.now - lastProgress > stallTimeout {
                throw SimulatorError.package(package.path, "the broker acknowledged \(last) of \(count) scans and then nothing for \(stallTimeout)")
            }
        }
    }
}

extension GatewayIdentity {
    /// The gateway's thing name (its certificate's CN and topic level).
    public var thingName: String { provisioning.gateway.thingName ?? provisioning.gateway.id }
}

/// Scan events as a gateway publishes them: the seed's event, a fresh id each, an EAN-13 code.
struct ScanPayloads: Sendable {
    let gateway: String

    func next() -> (UUID, [UInt8]) {
        let id = UUID()
        let code = (0..<13).map { _ in String(Int.random(in: 0...9)) }.joined()
        let millis = Int64(Date().timeIntervalSince1970 * 1000)
        let json = """
            {"id":"\(id.lowercasedString)","class":"event","type":"scan","created":\(millis),"scan_code":"\(code)",\
            "scan_decode_symbology":"EAN-13","scan_duration":\(Int.random(in: 40...400)),"device_id":"SIM-\(gateway.prefix(8))",\
            "device_battery":\(Int.random(in: 20...100)),"gateway_id":"\(gateway)"}
            """
        return (id, Array(json.utf8))
    }
}
