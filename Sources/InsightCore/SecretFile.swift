import Foundation

/// Writes secrets (private keys) so that only the owner can read them.
public enum SecretFile {
    /// Writes `data` to `url` atomically with mode 0600, creating parent directories with 0700.
    ///
    /// The file is created with 0600 before any byte is written, so the secret is never readable
    /// by others, not even briefly.
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
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
