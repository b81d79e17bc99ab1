import Crypto
import Foundation

/// The key that seals values at rest (`Sealer`): 256 random bits, made once per database and
/// kept there wrapped under the master key (`IWRAP1`, AES-256-GCM), so that rotating the master
/// key rewraps one value instead of resealing every one.
public struct DataKey: Sendable {
    static let wrapPrefix = Data("IWRAP1".utf8)
    static let wrapContext = "data key"

    let key: SymmetricKey

    /// A new random data key.
    public init() {
        key = SymmetricKey(size: .bits256)
    }

    /// The data key in `wrapped`.
    ///
    /// - Throws: `MasterKeyMismatch` when `wrapped` was wrapped under another master key.
    public init(unwrapping wrapped: Data, with masterKey: MasterKey) throws {
        guard wrapped.starts(with: Self.wrapPrefix),
              let bytes = try? Sealer.open(wrapped, under: masterKey.sealingKey, prefix: Self.wrapPrefix, context: Self.wrapContext)
        else { throw MasterKeyMismatch() }
        key = SymmetricKey(data: bytes)
    }

    /// This key wrapped under `masterKey`, as the database keeps it.
    public func wrapped(with masterKey: MasterKey) throws -> Data {
        try Sealer.seal(key.withUnsafeBytes { Data($0) }, under: masterKey.sealingKey, prefix: Self.wrapPrefix, context: Self.wrapContext)
    }
}

/// The database's data key was wrapped under another master key than the one given.
public struct MasterKeyMismatch: Error, CustomStringConvertible {
    public var description: String {
        "The database's keys are sealed under another master key than the one given: every process on one database needs the same --master-key-file (INSIGHT_MASTER_KEY_FILE); after `insight master-key rotate`, the new one."
    }
}
