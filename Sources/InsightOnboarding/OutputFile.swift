import CSyncFS
import Foundation

/// Writes the batch's output files (packages, sheets). Each file is replaced atomically — a
/// reader sees the old file or the new one, never part of one — but not flushed on its own:
/// `synchronize` makes everything written so far durable with one `syncfs`, before the journal
/// or the manifest records it. (Foundation's atomic write flushes every file: an fsync per
/// package, each blocking a thread of the cooperative pool.) `syncfs` flushes the whole file
/// system that holds the output folder, so the folder's `packages/` and `sheets/` must be on it
/// (they are, unless replaced by links to elsewhere).
enum OutputFile {
    /// Replaces the file at `url` with `data` (mode 0644 before the umask) by writing a hidden
    /// temporary file beside it and renaming it. Throws a `CocoaError` naming the file.
    static func replace(_ url: URL, with data: Data) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(errno, url) }
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
        if close(descriptor) != 0, failedWith == nil { failedWith = errno }
        if failedWith == nil, rename(temporary.path, url.path) != 0 { failedWith = errno }
        if let failedWith {
            unlink(temporary.path)
            throw failure(failedWith, url)
        }
    }

    /// A descriptor of `folder` for `synchronize(descriptor:)`. Opened before the files are
    /// written, it also reports a write-back of them that failed (Linux 5.8 and later).
    /// Throws a `CocoaError` naming the folder.
    static func openForSynchronizing(_ folder: URL) throws -> Int32 {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(errno, folder) }
        return descriptor
    }

    /// Makes every file written so far on the file system of `descriptor`'s folder durable.
    /// Throws a `CocoaError` if the flush, or an earlier write-back, failed.
    static func synchronize(descriptor: Int32) throws {
        guard shim_syncfs(descriptor) == 0 else { throw failure(errno, nil) }
    }

    /// Makes every file written so far in `folder`'s file system durable.
    static func synchronize(folder: URL) throws {
        let descriptor = try openForSynchronizing(folder)
        defer { close(descriptor) }
        try synchronize(descriptor: descriptor)
    }

    /// The `CocoaError` Foundation would throw for `code` (an errno value) at `url`.
    private static func failure(_ code: Int32, _ url: URL?) -> CocoaError {
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
