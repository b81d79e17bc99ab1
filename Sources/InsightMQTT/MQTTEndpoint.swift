import Foundation

/// Where an MQTT broker listens, as a package's `mqtt_endpoint` names it: `mqtts://HOST[:PORT]`
/// (port 8883 when absent). Plain `mqtt://` is refused: gateways authenticate with TLS.
public struct MQTTEndpoint: Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// - Throws: `MQTTError.invalidEndpoint` for anything but `mqtts://HOST[:PORT]`.
    public init(url: String) throws {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "mqtts",
              let host = components.host, !host.isEmpty, (components.path.isEmpty || components.path == "/")
        else { throw MQTTError.invalidEndpoint(url) }
        self.init(host: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: components.port ?? 8883)
    }

    public var description: String { "mqtts://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
}
