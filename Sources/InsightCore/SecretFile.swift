import Foundation

/// Writes secrets (private keys) so that only the owner can read them.
public enum SecretFile {
    /// Writes `data` to `url` atomically and durably with mode 0600, creating parent
    /// directories with 0700. The file is 0600 before any byte is written (`AtomicFile`).
    public static func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try AtomicFile.replace(url, with: data, permissions: 0o600, durable: true)
    }

    /// The random key stored at `url`, created with `byteCount` random bytes (mode 0600) when missing.
    ///
    /// - Throws: when the file cannot be read or written, or holds fewer than `byteCount` bytes.
    public static func loadOrCreateKey(at url: URL, byteCount: Int = 32) throws -> Data {
        if FileManager.default.fileExists(atPath: url.path) {
            let key = try Data(contentsOf: url)
            guard key.count >= byteCount else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
            }
            return key
        }
        var generator = SystemRandomNumberGenerator()
        let key = Data((0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        try write(key, to: url)
        return key
    }
}
