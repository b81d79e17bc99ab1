import ArgumentParser
import Foundation
import InsightCore
import InsightMQTT
import InsightPKI
import InsightProvisioning
import Logging
import ServiceLifecycle

/// The options of `insight serve` for live gateways: the MQTT broker it runs (or an external one)
/// and the ingester that stores what gateways publish.
struct LiveGatewayOptions: ParsableArguments {
    @Option(help: "The port of the MQTT broker (mosquitto, mutual TLS) that serve runs for gateways; 0 runs none.")
    var mqttPort: Int = 8883

    @Option(help: ArgumentHelp("An MQTT broker of your own (mqtts://HOST:PORT) to take scans from, instead of running mosquitto.", valueName: "url"))
    var mqttBroker: String?

    @Option(help: "The ingester's subscription, e.g. $share/insight/insight/+/gateway/+/events for several instances.")
    var mqttSubscription: String = GatewayEventTopic.everyGateway

    @Option(help: "The ingester's MQTT client id, which names its persistent session at the broker.")
    var mqttClientID: String = "insight-ingester"

    func validate() throws {
        guard (0...65_535).contains(mqttPort) else { throw ValidationError("--mqtt-port must be 0 to 65535.") }
        if let mqttBroker {
            do { _ = try MQTTEndpoint(url: mqttBroker) } catch { throw ValidationError("--mqtt-broker: \(error)") }
        }
    }

    /// Whether serve runs a broker of its own.
    var runsBroker: Bool { mqttBroker == nil && mqttPort != 0 }

    /// The endpoint packages name by default when serve runs the broker on another port than
    /// 8883: that port on the public URL's host.
    func defaultEndpoint(publicHost: String) -> String? {
        runsBroker && mqttPort != 8883 ? MQTTEndpoint(host: publicHost, port: mqttPort).description : nil
    }

    /// The services beside the HTTP server: the supervised broker (unless external or disabled)
    /// and the ingester; none with `--mqtt-port 0` and no `--mqtt-broker`.
    ///
    /// - Parameters:
    ///   - listenHost: where the HTTP server listens; the broker listens there too.
    ///   - gatewayHosts: the names gateways reach the broker at (the package endpoint's host),
    ///     which the broker's certificate names besides loopback.
    func services(dataDirectory: URL, listenHost: String, gatewayHosts: [String], store: any InsightStore, logger: Logger) async throws -> [any Service] {
        guard mqttBroker != nil || mqttPort != 0 else { return [] }
        let pki = BrokerPKI(dataDirectory: dataDirectory)
        let root = try await pki.rootCertificate()
        let identity = try await pki.ingesterIdentity()
        let ingest = EventIngest(gateways: store, events: store)
        if let mqttBroker {
            let endpoint = try MQTTEndpoint(url: mqttBroker)
            let tls = try TLSClientContext(identity: identity, trusting: [root], serverName: endpoint.host, trustSystemRoots: true)
            return [ingester(endpoint: endpoint, tls: tls, ingest: ingest, logger: logger)]
        }
        let connectHost = PublicAddresses.isUnspecified(listenHost) ? "127.0.0.1" : listenHost
        let hosts = (["localhost", "127.0.0.1", "::1", connectHost] + gatewayHosts).filter { !PublicAddresses.isUnspecified($0) }
        let broker = MosquittoSupervisor(
            configuration: MosquittoConfiguration(directory: dataDirectory.appendingPathComponent("mqtt", isDirectory: true), listenHost: listenHost, port: mqttPort),
            logger: logger,
            material: {
                BrokerMaterial(
                    server: try await pki.serverCredentials(hosts: hosts), root: root,
                    revocationLists: try await pki.revocationListsPEM(), ingesterName: BrokerPKI.ingesterCommonName
                )
            },
            revocationLists: { try await pki.revocationListsPEM() }
        )
        let tls = try TLSClientContext(identity: identity, trusting: [root], serverName: connectHost)
        return [broker, ingester(endpoint: MQTTEndpoint(host: connectHost, port: mqttPort), tls: tls, ingest: ingest, logger: logger)]
    }

    private func ingester(endpoint: MQTTEndpoint, tls: TLSClientContext, ingest: EventIngest, logger: Logger) -> EventIngester {
        EventIngester(
            configuration: .init(endpoint: endpoint, tls: tls, clientID: mqttClientID, subscription: mqttSubscription),
            ingest: ingest, logger: logger
        )
    }
}
