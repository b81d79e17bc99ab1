import Crypto
import Foundation

/// The key that wraps the database's data key (`DataKey`, envelope encryption), which seals what
/// the database keeps at rest (keys, CAs, packages, PKCS#12 files): a file of at least 32 random
/// bytes in base64, as `openssl rand -base64 32` makes it. `--master-key-file` or
/// `INSIGHT_MASTER_KEY_FILE` name it, and every process on one database must be given the same;
/// without one, the data directory keeps its own (`<data-dir>/master.key`, mode 0600), which
/// protects database backups and dumps but not a copy of the whole data directory.
public struct MasterKey: Sendable {
    /// The file's default name in the data directory.
    public static let defaultFileName = "master.key"

    /// The AES-256 key derived from the file's bytes (HKDF-SHA256), never the bytes themselves;
    /// it wraps the data key, and opens values sealed before envelope encryption.
    let sealingKey: SymmetricKey

    /// - Throws: `MasterKeyError` naming the file when it cannot be read or holds fewer than 32
    ///   bytes of base64.
    public static func load(from file: URL) throws -> MasterKey {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw MasterKeyError(file: file.path, problem: "cannot be read (\((error as? CocoaError)?.code == .fileReadNoSuchFile ? "it does not exist" : "\(error.localizedDescription)"))")
        }
        guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count >= 32 else {
            throw MasterKeyError(file: file.path, problem: "holds no base64 of at least 32 bytes: make one with `openssl rand -base64 32 > \(file.lastPathComponent)`")
        }
        return MasterKey(material: bytes)
    }

    /// The data directory's own key, made (32 random bytes, mode 0600) when missing.
    public static func loadOrCreate(inDataDirectory directory: URL) throws -> MasterKey {
        let file = directory.appendingPathComponent(defaultFileName)
        if !FileManager.default.fileExists(atPath: file.path) {
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            try SecretFile.write(Data((bytes.base64EncodedString() + "\n").utf8), to: file)
        }
        return try load(from: file)
    }

    init(material: Data) {
        sealingKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: material), info: Data("insight sealed at rest v1".utf8), outputByteCount: 32
        )
    }
}

/// A master key file that cannot be used, and why.
public struct MasterKeyError: Error, CustomStringConvertible {
    public let file: String
    public let problem: String

    public var description: String { "The master key file \(file) \(problem)." }
}
