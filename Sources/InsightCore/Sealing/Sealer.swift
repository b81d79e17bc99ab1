import Crypto
import Foundation

/// Seals values before they are stored and opens them when they are read: AES-256-GCM under the
/// master key, with the value's place (`context`, such as `package:<id>`) bound in as associated
/// data, so that a sealed value copied into another row does not open there.
///
/// Sealed values are `ISEAL1`, then the nonce, the ciphertext and the tag. A stored value
/// without that prefix was written before sealing existed and is returned as it is.
public struct Sealer: Sendable {
    static let prefix = Data("ISEAL1".utf8)

    private let key: MasterKey

    public init(key: MasterKey) {
        self.key = key
    }

    public func seal(_ plaintext: Data, context: String) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: key.sealingKey, authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw SealingError(context: context) }
        return Self.prefix + combined
    }

    /// - Throws: `SealingError` when the value was sealed under another master key, for
    ///   another place, or was altered.
    public func open(_ stored: Data, context: String) throws -> Data {
        guard stored.starts(with: Self.prefix) else { return stored }
        do {
            let box = try AES.GCM.SealedBox(combined: stored.dropFirst(Self.prefix.count))
            return try AES.GCM.open(box, using: key.sealingKey, authenticating: Data(context.utf8))
        } catch {
            throw SealingError(context: context)
        }
    }

    /// Whether `stored` is a sealed value (not one from before sealing).
    public static func isSealed(_ stored: Data) -> Bool {
        stored.starts(with: prefix)
    }
}

/// A sealed value that does not open with this master key.
public struct SealingError: Error, CustomStringConvertible {
    public let context: String

    public var description: String {
        "The stored \(context) does not open with this master key: every process on one database needs the same --master-key-file (INSIGHT_MASTER_KEY_FILE), or the value was altered."
    }
}
