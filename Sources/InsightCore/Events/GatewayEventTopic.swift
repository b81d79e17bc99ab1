import Foundation

/// The MQTT topic a gateway publishes its scans to: `{prefix}/gateway/{gateway id}/events`, with
/// the customer's prefix `insight/{customer id}` (a package's `mqtt_topic_prefix`). The broker
/// lets a gateway publish under its own id only; the ingester takes the gateway and the
/// customer from the topic, never from the payload.
public struct GatewayEventTopic: Sendable, Equatable {
    public let customerID: String
    public let gatewayID: UUID

    public init(customerID: String, gatewayID: UUID) {
        self.customerID = customerID
        self.gatewayID = gatewayID
    }

    /// The first level of every gateway topic.
    public static let root = "insight"

    /// The subscription that matches every gateway's scans.
    public static let everyGateway = "\(root)/+/gateway/+/events"

    /// The topic `name` parsed, or nil when it is not `insight/{customer}/gateway/{uuid}/events`.
    public init?(_ name: String) {
        let levels = name.split(separator: "/", omittingEmptySubsequences: false)
        guard levels.count == 5, levels[0] == Self.root, !levels[1].isEmpty, levels[2] == "gateway", levels[4] == "events",
              let gatewayID = UUID(text: String(levels[3]))
        else { return nil }
        self.init(customerID: String(levels[1]), gatewayID: gatewayID)
    }

    /// The customer's prefix (`insight/{customer id}`).
    public static func prefix(customerID: String) -> String { "\(root)/\(customerID)" }

    /// The topic of the gateway with `thingName` under a package's `prefix`.
    public static func name(prefix: String, thingName: String) -> String { "\(prefix)/gateway/\(thingName)/events" }

    public var name: String { Self.name(prefix: Self.prefix(customerID: customerID), thingName: gatewayID.lowercasedString) }
}
