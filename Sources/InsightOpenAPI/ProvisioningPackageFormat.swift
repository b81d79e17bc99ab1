/// The JSON documents inside a provisioning package: written by the server, read back by the
/// pipeline and by gateways. Field names are the package's contract (see the README).
public enum ProvisioningPackageFormat {
    /// `provisioning.json`.
    public struct Provisioning: Codable, Sendable {
        public var gateway: Components.Schemas.Gateway
        public var registration_url: String
        public var token: String
        /// Milliseconds since the epoch.
        public var token_expires_at: Int64
        public var mqtt_endpoint: String
        public var mqtt_topic_prefix: String
        /// The provisioning QR code's text, as on the sheet.
        public var qr_payload: String

        public init(gateway: Components.Schemas.Gateway, registration_url: String, token: String, token_expires_at: Int64, mqtt_endpoint: String, mqtt_topic_prefix: String, qr_payload: String) {
            self.gateway = gateway
            self.registration_url = registration_url
            self.token = token
            self.token_expires_at = token_expires_at
            self.mqtt_endpoint = mqtt_endpoint
            self.mqtt_topic_prefix = mqtt_topic_prefix
            self.qr_payload = qr_payload
        }
    }

    /// `network.json`; `ssid`, `password` and `authentication_type` are null when the batch has no WiFi.
    public struct Network: Codable, Sendable {
        public var ssid: String?
        public var password: String?
        public var authentication_type: String?
        /// 128 random bits (hex). WinZip AES stores each entry's CRC-32 in the clear; without a
        /// random field, the CRC of this small, predictable document would let anyone test
        /// WiFi password guesses offline, without the package password. Absent in older packages.
        public var nonce: String?

        public init(ssid: String?, password: String?, authentication_type: String?, nonce: String?) {
            self.ssid = ssid
            self.password = password
            self.authentication_type = authentication_type
            self.nonce = nonce
        }

        enum CodingKeys: String, CodingKey { case ssid, password, authentication_type, nonce }

        /// Writes every field, as `null` when absent (the synthesized encoder would leave it out).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ssid, forKey: .ssid)
            try container.encode(password, forKey: .password)
            try container.encode(authentication_type, forKey: .authentication_type)
            try container.encode(nonce, forKey: .nonce)
        }
    }

    public static let provisioningEntry = "provisioning.json"
    public static let networkEntry = "network.json"
}
