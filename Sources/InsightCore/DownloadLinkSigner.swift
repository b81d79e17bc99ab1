import Crypto
import Foundation

/// Signs and checks public download links, such as those of provisioning packages and event
/// exports: `/<collection>/<id>?expires=<ms>&signature=<base64url HMAC-SHA256 of "<collection>/<id>:<expires>">`.
///
/// A link can be neither guessed (the id is random and the key secret) nor altered (any change
/// to the collection, the id or the expiry breaks the signature).
public struct DownloadLinkSigner: Sendable {
    private let key: SymmetricKey
    /// The first path segment of the links, naming what they download (`packages`, `exports`).
    public private(set) var collection: String

    /// - Parameter key: at least 32 secret bytes, kept by the server.
    public init(key: Data, collection: String) {
        precondition(key.count >= 32, "a download link key has at least 256 bits")
        self.key = SymmetricKey(data: key)
        self.collection = collection
    }

    /// A new random key (256 bits) for `init(key:collection:)`.
    public static func makeKey() -> Data {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    /// A signer with the same key for links to another collection.
    public func forCollection(_ collection: String) -> DownloadLinkSigner {
        var signer = self
        signer.collection = collection
        return signer
    }

    /// The signature of a link to `id` that expires at `expires`.
    public func signature(id: UUID, expires: Timestamp) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: message(id, expires), using: key)).base64URLEncodedString()
    }

    /// Whether `signature` signs exactly this collection, id and expiry (constant-time comparison).
    public func isValid(signature: String, id: UUID, expires: Timestamp) -> Bool {
        guard let code = Data(base64URLEncoded: signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: message(id, expires), using: key)
    }

    /// The path and query of a link to `id` valid until `expires`.
    public func path(id: UUID, expires: Timestamp) -> String {
        "/\(collection)/\(id.lowercasedString)?expires=\(expires.rawValue)&signature=\(signature(id: id, expires: expires))"
    }

    private func message(_ id: UUID, _ expires: Timestamp) -> Data {
        Data("\(collection)/\(id.lowercasedString):\(expires.rawValue)".utf8)
    }
}
