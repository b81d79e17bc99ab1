import Crypto
import Foundation

/// Signs and checks the public download links of provisioning packages:
/// `/packages/<id>?expires=<ms>&signature=<base64url HMAC-SHA256 of "<id>:<expires>">`.
///
/// A link can be neither guessed (the id is random and the key secret) nor altered (any change
/// to the id or the expiry breaks the signature).
public struct PackageLinkSigner: Sendable {
    private let key: SymmetricKey

    /// - Parameter key: at least 32 secret bytes, kept by the server.
    public init(key: Data) {
        precondition(key.count >= 32, "a package link key has at least 256 bits")
        self.key = SymmetricKey(data: key)
    }

    /// The signature of a link to `packageID` that expires at `expires`.
    public func signature(packageID: UUID, expires: Timestamp) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: message(packageID, expires), using: key)).base64URLEncodedString()
    }

    /// Whether `signature` signs exactly this package and expiry (constant-time comparison).
    public func isValid(signature: String, packageID: UUID, expires: Timestamp) -> Bool {
        guard let code = Data(base64URLEncoded: signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: message(packageID, expires), using: key)
    }

    /// The path and query of a link to `packageID` valid until `expires`.
    public func path(packageID: UUID, expires: Timestamp) -> String {
        "/packages/\(packageID.uuidString.lowercased())?expires=\(expires.rawValue)&signature=\(signature(packageID: packageID, expires: expires))"
    }

    private func message(_ packageID: UUID, _ expires: Timestamp) -> Data {
        Data("\(packageID.uuidString.lowercased()):\(expires.rawValue)".utf8)
    }
}
