import Foundation
import InsightCore
import InsightPKI
import Logging
import ServiceLifecycle

/// Stores the scans gateways publish: subscribes at the broker with a client certificate of its
/// own, QoS 1 and a persistent session (what is published while it is away waits at the
/// broker), and passes each batch of messages through `EventIngest`, the use case of
/// `insight events import`. A batch is acknowledged only once it is stored; while the store
/// fails, the batch is tried again (every 1 to 10 s) and nothing is acknowledged.
///
/// The gateway and customer of a message come from its topic (`GatewayEventTopic`). A message
/// on another topic, or with a payload that is no valid event, is counted, logged (topic and
/// reason, never the payload) and acknowledged, so that it never blocks the ones after it.
public struct EventIngester: Service {
    /// Where and as whom the ingester subscribes.
    public struct Configuration: Sendable {
        public var endpoint: MQTTEndpoint
        public var tls: TLSClientContext
        /// The MQTT client id, which names the persistent session at the broker.
        public var clientID: String
        /// The subscription: `GatewayEventTopic.everyGateway`, or a shared one
        /// (`$share/GROUP/insight/+/gateway/+/events`) when several ingesters divide the work.
        public var subscription: String

        public init(endpoint: MQTTEndpoint, tls: TLSClientContext, clientID: String = "insight-ingester", subscription: String = GatewayEventTopic.everyGateway) {
            self.endpoint = endpoint
            self.tls = tls
            self.clientID = clientID
            self.subscription = subscription
        }
    }

    private let configuration: Configuration
    private let ingest: EventIngest
    private let logger: Logger
    /// What the ingester has done so far.
    public let statistics: IngestStatistics

    public init(configuration: Configuration, ingest: EventIngest, logger: Logger, statistics: IngestStatistics = IngestStatistics()) {
        self.configuration = configuration
        self.ingest = ingest
        self.logger = logger
        self.statistics = statistics
    }

    public func run() async throws {
        // The broker usually starts beside the ingester: only a broker still unreachable after
        // 5 s is worth a warning.
        let started = ContinuousClock.now
        var announcedFailure = false
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let stopping = StopFlag()
            let connection = try MQTTConnection(
                endpoint: configuration.endpoint, tls: configuration.tls,
                options: .init(clientID: configuration.clientID, cleanSession: false)
            ) { [self] messages in store(messages, unless: stopping) }
            connection.subscribe(configuration.subscription)
            do {
                try await connection.connect()
            } catch {
                if !announcedFailure, ContinuousClock.now - started > .seconds(5) {
                    logger.warning("The ingester cannot connect to the MQTT broker yet; retrying", metadata: ["error": "\(error)"])
                    announcedFailure = true
                }
                try? await Task.sleep(for: .milliseconds(250))
                continue
            }
            await connection.waitForSubscriptions()
            statistics.setSubscribed(true)
            logger.info("The ingester subscribed", metadata: ["broker": "\(configuration.endpoint)", "subscription": "\(configuration.subscription)"])
            try? await gracefulShutdown()
            stopping.set()
            await connection.stop()
            statistics.setSubscribed(false)
            return
        }
    }

    /// Stores `messages` (on the connection's thread, which waits), trying again while the store
    /// fails and the ingester is not stopping. Returns whether they were stored (and may be
    /// acknowledged); false only when the ingester stops first.
    private func store(_ messages: [MQTTMessage], unless stopping: StopFlag) -> Bool {
        let done = DispatchSemaphore(value: 0)
        let stored = StopFlag()
        Task {
            defer { done.signal() }
            var delay = 1.0
            while !stopping.isSet {
                do {
                    try await storeOnce(messages)
                    stored.set()
                    return
                } catch {
                    logger.error("The ingester cannot store a batch; it tries again and acknowledges nothing meanwhile", metadata: ["error": "\(error)", "messages": "\(messages.count)"])
                    try? await Task.sleep(for: .seconds(delay))
                    delay = min(delay * 2, 10)
                }
            }
        }
        done.wait()
        return stored.isSet
    }

    private func storeOnce(_ messages: [MQTTMessage]) async throws {
        var byCustomer: [String: [(topic: String, message: GatewayMessage)]] = [:]
        var strayTopics: [String] = []
        for message in messages {
            guard let topic = GatewayEventTopic(message.topic) else {
                strayTopics.append(message.topic)
                continue
            }
            byCustomer[topic.customerID, default: []].append((message.topic, GatewayMessage(payload: Data(message.payload), gatewayID: topic.gatewayID)))
        }
        var stored = 0, duplicates = 0, rejected = strayTopics.count
        for topic in strayTopics {
            logger.warning("The ingester ignores a message on a topic that is no gateway's events topic", metadata: ["topic": "\(topic.prefix(200))"])
        }
        for (customerID, batch) in byCustomer {
            let report = try await ingest.ingest(batch.map(\.message), customerID: customerID)
            stored += report.stored
            duplicates += report.duplicates.count
            rejected += report.rejected.count
            for rejection in report.rejected {
                logger.warning("The ingester refused a message", metadata: ["topic": "\(batch[rejection.index].topic)", "reason": "\(rejection.message)"])
            }
        }
        statistics.add(stored: stored, duplicates: duplicates, rejected: rejected)
    }
}

/// Counts of what an ingester did, readable while it runs.
public final class IngestStatistics: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = (stored: 0, duplicates: 0, rejected: 0)
    private var subscribed = false

    public init() {}

    /// Whether the ingester is connected and its subscription granted.
    public var isSubscribed: Bool { lock.withLock { subscribed } }

    func setSubscribed(_ value: Bool) { lock.withLock { subscribed = value } }

    /// Events stored; messages whose event was stored before; messages refused.
    public var current: (stored: Int, duplicates: Int, rejected: Int) { lock.withLock { counts } }

    func add(stored: Int, duplicates: Int, rejected: Int) {
        lock.withLock {
            counts.stored += stored
            counts.duplicates += duplicates
            counts.rejected += rejected
        }
    }
}

/// A flag that one task or thread sets and others read.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
