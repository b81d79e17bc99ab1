import Crypto
import Foundation

/// Seals values before they are stored and opens them when they are read: AES-256-GCM under the
/// data key (`DataKey`, itself kept wrapped under the master key: envelope encryption), with the
/// value's place (`context`, such as `package <id>`) bound in as associated data, so that a sealed
/// value copied into another row does not open there.
///
/// Sealed values are `ISEAL2`, then the nonce, the ciphertext and the tag. Values sealed before
/// envelope encryption (`ISEAL1`, directly under the master key) open with `legacyKey`; a stored
/// value without either prefix was written before sealing existed and is returned as it is.
/// `insight master-key rotate` reseals both kinds under the data key.
public struct Sealer: Sendable {
    static let prefix = Data("ISEAL2".utf8)
    static let legacyPrefix = Data("ISEAL1".utf8)

    private let dataKey: SymmetricKey
    private let legacyKey: SymmetricKey?

    /// - Parameters:
    ///   - dataKey: the key values are sealed under.
    ///   - legacyKey: the master key, for values sealed before envelope encryption.
    public init(dataKey: DataKey, legacyKey: MasterKey? = nil) {
        self.dataKey = dataKey.key
        self.legacyKey = legacyKey?.sealingKey
    }

    public func seal(_ plaintext: Data, context: String) throws -> Data {
        try Self.seal(plaintext, under: dataKey, prefix: Self.prefix, context: context)
    }

    /// - Throws: `SealingError` when the value was sealed under another key, for another place,
    ///   or was altered.
    public func open(_ stored: Data, context: String) throws -> Data {
        if stored.starts(with: Self.prefix) {
            return try Self.open(stored, under: dataKey, prefix: Self.prefix, context: context)
        }
        if stored.starts(with: Self.legacyPrefix) {
            guard let legacyKey else { throw SealingError(context: context) }
            return try Self.open(stored, under: legacyKey, prefix: Self.legacyPrefix, context: context)
        }
        return stored
    }

    /// Whether `stored` is sealed under the data key (not under the master key of before
    /// envelope encryption, nor from before sealing).
    public static func isSealed(_ stored: Data) -> Bool {
        stored.starts(with: prefix)
    }

    static func seal(_ plaintext: Data, under key: SymmetricKey, prefix: Data, context: String) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw SealingError(context: context) }
        return prefix + combined
    }

    static func open(_ stored: Data, under key: SymmetricKey, prefix: Data, context: String) throws -> Data {
        do {
            let box = try AES.GCM.SealedBox(combined: stored.dropFirst(prefix.count))
            return try AES.GCM.open(box, using: key, authenticating: Data(context.utf8))
        } catch {
            throw SealingError(context: context)
        }
    }
}

/// A sealed value that does not open with this key.
public struct SealingError: Error, CustomStringConvertible {
    public let context: String

    public var description: String {
        "The stored \(context) does not open with this master key: every process on one database needs the same --master-key-file (INSIGHT_MASTER_KEY_FILE), or the value was altered."
    }
}
