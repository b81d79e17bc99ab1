import Foundation

/// The deployment facts provisioning needs: where gateways reach the server and the broker, and
/// how long tokens and links live.
public struct ProvisioningSettings: Sendable {
    /// The server's public address, as gateways reach it (never an embedded loopback port).
    public var publicURL: String
    /// The MQTT broker gateways connect to with their certificate.
    public var mqttEndpoint: String
    /// How long a provisioning token stays redeemable (default 30 days: sheets hang for a while).
    public var tokenLifetime: TimeInterval
    /// How long a package download link lives (5 minutes).
    public var packageLinkLifetime: TimeInterval
    /// The most device swaps (reissues) one customer may make in 24 hours: enough for a bad day
    /// in a large warehouse, not for a script gone wrong revoking a fleet.
    public var maximumReissuesPerDay: Int = 1_000

    public init(
        publicURL: String, mqttEndpoint: String? = nil, tokenLifetime: TimeInterval = 30 * 86_400,
        packageLinkLifetime: TimeInterval = 300
    ) {
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.mqttEndpoint = mqttEndpoint ?? "mqtts://\(URL(string: publicURL)?.host ?? "127.0.0.1"):8883"
        self.tokenLifetime = tokenLifetime
        self.packageLinkLifetime = packageLinkLifetime
    }

    /// The public URL where none is given or recorded: a server on this machine's port 8080.
    public static let defaultPublicURL = "http://127.0.0.1:8080"

    /// The path gateways redeem tokens at.
    public static let registrationPath = "/provisioning"

    public var registrationURL: String { publicURL + Self.registrationPath }

    /// The provisioning QR payload: the registration URL with the token in the fragment, e.g.
    /// `https://insight.example/provisioning#token=<43 characters>`. A gateway POSTs
    /// `{"token": …}` to the URL without its fragment; a fragment never reaches a web server's logs.
    public func qrPayload(for token: ProvisioningToken) -> String {
        "\(registrationURL)#token=\(token.value)"
    }

    /// The topic prefix a customer's gateways publish under.
    public func mqttTopicPrefix(customerID: String) -> String { GatewayEventTopic.prefix(customerID: customerID) }
}
