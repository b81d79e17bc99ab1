import InsightCore
import InsightMQTT
import Prometheus

/// What `GET /metrics` reports, in Prometheus' text format: requests by operation and status
/// with their latency, requests in flight, what provisioning did, the database pools' usage,
/// and, beside a live-gateway ingester, what it stored. One registry per server, so that servers in one process (tests,
/// the embedded server) count apart.
public final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let inFlight: Gauge
    private let provisioned: Counter
    private let redeemed: Counter
    private let reissued: Counter
    private let ingest: IngestStatistics?

    /// Latency buckets, 5 ms to 10 s.
    static let latencyBuckets: [Duration] = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000].map { .milliseconds($0) }

    /// - Parameter ingest: the counts of the server's MQTT ingester, if it runs one.
    public init(ingest: IngestStatistics? = nil) {
        self.ingest = ingest
        inFlight = registry.makeGauge(descriptor: Self.name("http_requests_in_flight", unit: "", "Requests being handled now."))
        provisioned = registry.makeCounter(descriptor: Self.name("gateways_provisioned", unit: "total", "Gateways given a certificate and token (create-provisioning-package, prepare-provisioning)."))
        redeemed = registry.makeCounter(descriptor: Self.name("tokens_redeemed", unit: "total", "Provisioning tokens redeemed by gateways."))
        reissued = registry.makeCounter(descriptor: Self.name("gateways_reissued", unit: "total", "Device swaps: certificates revoked and replaced."))
    }

    /// Counts a request of `operation` (the document's operation id, or the path of a route
    /// outside it) answered with `status` after `duration`.
    func recordRequest(operation: String, status: Int, duration: Duration) {
        let labels = [("operation", operation), ("status", String(status))]
        registry.makeCounter(descriptor: Self.name("http_requests", unit: "total", "HTTP requests by operation and status."), labels: labels).increment()
        registry.makeDurationHistogram(
            descriptor: Self.name("http_request_duration", unit: "seconds", "Time to answer HTTP requests, by operation and status."), labels: labels,
            buckets: Self.latencyBuckets
        ).record(duration)
    }

    func requestStarted() { inFlight.increment() }
    func requestEnded() { inFlight.decrement() }
    func gatewaysProvisioned(_ count: Int) { provisioned.increment(by: Int64(count)) }
    func tokenRedeemed() { redeemed.increment() }
    func gatewayReissued() { reissued.increment() }

    /// The exposition text, with the database pools' usage and the ingester's counts as of now.
    func exposition(pools: [DatabasePoolUsage]) -> [UInt8] {
        for pool in pools {
            let labels = [("pool", pool.pool)]
            registry.makeGauge(descriptor: Self.name("database_connections_in_use", unit: "", "Database connections lent out now, by pool."), labels: labels)
                .set(to: Double(pool.inUse))
            registry.makeGauge(descriptor: Self.name("database_connections_max", unit: "", "The most database connections a pool lends out at once."), labels: labels)
                .set(to: Double(pool.capacity))
        }
        if let ingest {
            let current = ingest.current
            for (outcome, count) in [("stored", current.stored), ("duplicate", current.duplicates), ("rejected", current.rejected)] {
                registry.makeGauge(descriptor: Self.name("ingested_messages", unit: "", "MQTT messages the ingester handled since start, by outcome."), labels: [("outcome", outcome)])
                    .set(to: Double(count))
            }
            registry.makeGauge(descriptor: Self.name("ingester_subscribed", unit: "", "1 while the ingester is subscribed at the broker.")).set(to: ingest.isSubscribed ? 1.0 : 0.0)
        }
        return registry.emitToBuffer()
    }

    private static func name(_ metric: String, unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "insight", metricName: metric, unitName: unit, helpText: help)
    }
}
