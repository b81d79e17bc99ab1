import Foundation
import Hummingbird
import InsightCore
import NIOCore

/// `GET /health`, `GET /ready` and `GET /metrics`, public and outside the API document, for load
/// balancers, orchestrators and Prometheus: health answers 200 while the process serves
/// requests; ready answers 200 when the database answers too, else 503 with the reason (no
/// credentials: the store's errors name no password); metrics answers `ServerMetrics` in
/// Prometheus' text format.
enum OperationsRoutes {
    static let healthPath = "/health"
    static let readyPath = "/ready"
    static let metricsPath = "/metrics"

    static func add(to router: Router<InsightRequestContext>, store: any InsightStore, metrics: ServerMetrics) {
        router.get(RouterPath(metricsPath)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition(pools: store.poolUsage())))
            )
        }
        router.get(RouterPath(healthPath)) { _, _ in
            json(.ok, ["status": "ok"])
        }
        router.get(RouterPath(readyPath)) { _, context in
            do {
                try await store.checkReachable()
                return json(.ok, ["status": "ready", "database": "reachable"])
            } catch {
                context.logger.warning("Not ready: the database does not answer", metadata: ["error": "\(error)"])
                return json(.serviceUnavailable, ["status": "not ready", "database": "\(error)"])
            }
        }
    }

    private static func json(_ status: HTTPResponse.Status, _ fields: [String: String]) -> Response {
        let body = (try? JSONEncoder().encode(fields)) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
