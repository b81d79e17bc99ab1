import Foundation
import HummingbirdTesting
import InsightCore
import InsightTestSupport
import Testing

extension APIHarness {
    /// Creates gateways named `names` in the admin's customer over the API; their ids, in order.
    func createGateways(_ names: [String], client: any TestClientProtocol) async throws -> [String] {
        let ids = try await client.createGateways(names, customer: admin.customerID, token: try await token(admin))
        return names.compactMap { ids[$0] }
    }

    /// Ingests `events` (as JSON objects) into the admin's customer, as `insight events import` does.
    @discardableResult
    func ingest(_ events: [[String: Any]], clock: any Clock = SystemClock()) async throws -> EventIngest.Report {
        let payloads = try events.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await EventIngest(gateways: store, events: store, clock: clock).ingest(payloads, customerID: admin.customerID)
    }
}

/// A scan event as a gateway sends it.
func scanEvent(
    id: UUID = UUID(), gatewayID: String, created: Int64, deviceID: String? = nil, battery: Int? = nil, firmware: String? = nil
) -> [String: Any] {
    var event: [String: Any] = [
        "id": id.uuidString.lowercased(), "class": "event", "type": "scan", "created": created, "scan_code": "1234567890",
        "scan_duration": 2.34, "scan_decode_symbology": "QR_CODE", "gateway_id": gatewayID, "metrics_worker_steps": 1,
    ]
    event["device_id"] = deviceID
    event["device_battery"] = battery
    event["device_firmware"] = firmware
    return event
}

extension TestResponse {
    /// The `items` of a list answer.
    var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }

    /// `links.next` of a list answer.
    var nextLink: String? { (object["links"] as? [String: Any])?["next"] as? String }
}
