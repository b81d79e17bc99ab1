import Foundation
import InsightCore

/// The addresses a data directory's packages send gateways to: the server's public URL and the
/// MQTT broker. Recorded (`<data-dir>/public-addresses.json`) when first chosen, so that every
/// later command over the same data directory, a reissue or `insight serve`, names the same ones
/// unless it is told others.
public struct PublicAddresses: Codable, Equatable, Sendable {
    public var publicURL: String
    /// The broker when one was named; nil: `mqtts://<public host>:8883`, following the public URL.
    public var mqttEndpoint: String?

    enum CodingKeys: String, CodingKey {
        case publicURL = "public_url"
        case mqttEndpoint = "mqtt_endpoint"
    }

    public init(publicURL: String, mqttEndpoint: String?) {
        self.publicURL = publicURL
        self.mqttEndpoint = mqttEndpoint
    }

    static let fileName = "public-addresses.json"

    /// The provisioning settings these addresses make, with the broker derived where none was named.
    public func settings(tokenLifetime: TimeInterval = 30 * 86_400) -> ProvisioningSettings {
        ProvisioningSettings(publicURL: publicURL, mqttEndpoint: mqttEndpoint, tokenLifetime: tokenLifetime)
    }

    /// The addresses recorded in `dataDirectory`, or nil when none are (or the file is unreadable).
    public static func recorded(in dataDirectory: URL) -> PublicAddresses? {
        guard let data = FileManager.default.contents(atPath: dataDirectory.appendingPathComponent(fileName).path) else { return nil }
        return try? JSONDecoder().decode(PublicAddresses.self, from: data)
    }

    /// Records these addresses in `dataDirectory`, replacing earlier ones.
    public func record(in dataDirectory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.replace(dataDirectory.appendingPathComponent(Self.fileName), with: try encoder.encode(self), permissions: 0o644, durable: true)
    }

    /// Why `url` cannot be the address gateways reach, or nil when it can be: it must be an
    /// http(s) URL with a host, not an unspecified address (0.0.0.0, ::), and not a loopback
    /// address while the server listens beyond loopback (`listenHost`, when known).
    public static func problem(withPublicURL url: String, listenHost: String? = nil) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = components.host, !host.isEmpty
        else { return "'\(url)' is not an http(s) URL with a host." }
        if isUnspecified(host) { return "'\(url)' names \(host), which is no address a gateway can reach: give --public-url with the address gateways use, e.g. https://insight.example.com." }
        if let listenHost, !isLoopback(listenHost), isLoopback(host) {
            return "'\(url)' is a loopback address, which no gateway can reach while the server listens on \(listenHost): give --public-url with the address gateways use."
        }
        return nil
    }

    /// Whether `host` is 0.0.0.0 or :: (listen on every address; reach none).
    public static func isUnspecified(_ host: String) -> Bool {
        ["0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0"].contains(host.lowercased())
    }

    /// Whether `host` is a loopback name or address (`localhost`, `::1`, an IPv4 address in 127/8).
    public static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
        let isIPv4 = octets.count == 4 && octets.allSatisfy { UInt8($0) != nil }
        return lowered == "localhost" || lowered == "::1" || (isIPv4 && octets[0] == "127")
    }
}
