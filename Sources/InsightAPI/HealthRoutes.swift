import Foundation
import Hummingbird
import InsightCore
import NIOCore

/// `GET /health` and `GET /ready`, public and outside the API document, for load balancers and
/// orchestrators: health answers 200 while the process serves requests; ready answers 200 when
/// the database answers too, else 503 with the reason (no credentials: the store's errors name
/// no password).
enum HealthRoutes {
    static let healthPath = "/health"
    static let readyPath = "/ready"

    static func add(to router: Router<InsightRequestContext>, store: any InsightStore) {
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
