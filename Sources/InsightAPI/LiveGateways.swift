import Foundation
import InsightCore
import InsightMQTT
import InsightPKI
import InsightProvisioning
import Logging
import ServiceLifecycle

/// How a server takes scans from live gateways: the broker they publish to and the ingester's
/// subscription there. `services` makes the lifecycle services that run beside HTTP.
public struct LiveGateways: Sendable {
    /// Where gateways publish.
    public enum Broker: Sendable, Equatable {
        /// mosquitto as a supervised child process, listening on this port at the server's address.
        case supervised(port: Int)
        /// A broker of one's own (mutual TLS with the database's root CA, the ACL rule, the
        /// CRLs): the ingester only.
        case external(MQTTEndpoint)
    }

    public var broker: Broker
    /// The ingester's MQTT client id, which names its persistent session.
    public var clientID: String
    /// The ingester's subscription (a shared one, `$share/GROUP/…`, for several instances).
    public var subscription: String

    public init(broker: Broker, clientID: String = "insight-ingester", subscription: String = GatewayEventTopic.everyGateway) {
        self.broker = broker
        self.clientID = clientID
        self.subscription = subscription
    }

    /// The broker's supervisor (for a supervised broker) and the ingester, in the order they start.
    ///
    /// - Parameters:
    ///   - secrets: the shared state whose CAs sign the broker's and the ingester's certificates.
    ///   - issuingKeyInToken: the PKCS#11 token key of issuing CAs (`--ca-key`), for their CRLs.
    ///   - dataDirectory: where a supervised broker keeps its configuration.
    ///   - listenHost: where the HTTP server listens; a supervised broker listens there too.
    ///   - gatewayHosts: the names gateways reach the broker at (the package endpoint's host),
    ///     which a supervised broker's certificate names besides loopback.
    ///   - statistics: where the ingester counts what it stored and refused.
    public func services(
        secrets: SharedSecrets, issuingKeyInToken: PrivateKey? = nil, dataDirectory: URL, listenHost: String, gatewayHosts: [String], store: any InsightStore, logger: Logger,
        statistics: IngestStatistics = IngestStatistics()
    ) async throws -> [any Service] {
        let pki = BrokerPKI(secrets: secrets, issuingKeyInToken: issuingKeyInToken)
        let root = try await pki.rootCertificate()
        let identity = try await pki.ingesterIdentity()
        func ingester(_ endpoint: MQTTEndpoint, _ tls: TLSClientContext) -> EventIngester {
            EventIngester(
                configuration: .init(endpoint: endpoint, tls: tls, clientID: clientID, subscription: subscription),
                ingest: EventIngest(gateways: store, events: store), logger: logger, statistics: statistics
            )
        }
        switch broker {
        case .external(let endpoint):
            let tls = try TLSClientContext(identity: identity, trusting: [root], serverName: endpoint.host, trustSystemRoots: true)
            return [ingester(endpoint, tls)]
        case .supervised(let port):
            let connectHost = PublicAddresses.isUnspecified(listenHost) ? "127.0.0.1" : listenHost
            let hosts = (["localhost", "127.0.0.1", "::1", connectHost] + gatewayHosts).filter { !PublicAddresses.isUnspecified($0) }
            let supervisor = MosquittoSupervisor(
                configuration: MosquittoConfiguration(directory: dataDirectory.appendingPathComponent("mqtt", isDirectory: true), listenHost: listenHost, port: port),
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
            return [supervisor, ingester(MQTTEndpoint(host: connectHost, port: port), tls)]
        }
    }
}
