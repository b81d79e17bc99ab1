import Crypto
import Foundation

/// A one-time provisioning token: 256 random bits, shown once as base64url (43 characters) and
/// stored only as its SHA-256 hash.
public struct ProvisioningToken: Sendable, Equatable {
    /// The secret, as the gateway presents it.
    public let value: String

    /// A new token from the system's cryptographically secure random number generator.
    public static func generate() -> ProvisioningToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return ProvisioningToken(value: Data(bytes).base64URLEncodedString())
    }

    public init(value: String) { self.value = value }

    /// The hash under which the token is stored and looked up.
    public var hash: Data { Self.hash(of: value) }

    /// The SHA-256 of any presented string, so that lookups never compare secrets directly.
    public static func hash(of presented: String) -> Data { Data(SHA256.hash(data: Data(presented.utf8))) }
}
