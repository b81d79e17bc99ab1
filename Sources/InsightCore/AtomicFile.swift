import Foundation

/// Replaces files atomically: the data goes to a hidden temporary file beside the target, which
/// is then renamed over it, so that a reader sees the old file or the new one, never part of one.
public enum AtomicFile {
    /// Replaces the file at `url` with `data`. The temporary file is created with `permissions`
    /// (less the umask) before any byte is written, so a secret is never readable by others, not
    /// even briefly. With `durable`, the data is flushed to disk (fsync) before the rename;
    /// without, the caller makes it durable later (many files at once).
    /// Throws the `CocoaError` Foundation would, naming the file.
    public static func replace(_ url: URL, with data: Data, permissions: mode_t, durable: Bool) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw CocoaError.file(errno: errno, url) }
        var failedWith: Int32?
        data.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if result < 0, errno == EINTR { continue }
                guard result > 0 else {
                    failedWith = result < 0 ? errno : ENOSPC
                    return
                }
                written += result
            }
        }
        if failedWith == nil, durable, fsync(descriptor) != 0 { failedWith = errno }
        if close(descriptor) != 0, failedWith == nil { failedWith = errno }
        if failedWith == nil, rename(temporary.path, url.path) != 0 { failedWith = errno }
        if let failedWith {
            unlink(temporary.path)
            throw CocoaError.file(errno: failedWith, url)
        }
    }
}

extension CocoaError {
    /// The error Foundation throws for the POSIX error `code` on the file at `url`.
    public static func file(errno code: Int32, _ url: URL?) -> CocoaError {
        let kind: CocoaError.Code = switch code {
        case EACCES, EPERM: .fileWriteNoPermission
        case EROFS: .fileWriteVolumeReadOnly
        case ENOSPC, EDQUOT: .fileWriteOutOfSpace
        case ENOENT: .fileNoSuchFile
        default: .fileWriteUnknown
        }
        var info: [String: Any] = [NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)]
        if let url { info[NSFilePathErrorKey] = url.path }
        return CocoaError(kind, userInfo: info)
    }
}
