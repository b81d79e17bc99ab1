import Foundation

/// Writes secrets (private keys) so that only the owner can read them.
public enum SecretFile {
    /// Writes `data` to `url` atomically and durably with mode 0600, creating parent
    /// directories with 0700. The file is 0600 before any byte is written (`AtomicFile`).
    public static func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try AtomicFile.replace(url, with: data, permissions: 0o600, durable: true)
    }
}
