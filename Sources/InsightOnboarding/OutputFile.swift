import CSyncFS
import Foundation

/// Writes the batch's output files (packages, sheets). Each file is replaced atomically — a
/// reader sees the old file or the new one, never part of one — but not flushed on its own:
/// `synchronize(folder:)` makes everything written so far durable with one `syncfs`, before
/// the journal or the manifest records it. (Foundation's atomic write flushes every file, an
/// fsync per package that blocks a thread of the cooperative pool each time.)
enum OutputFile {
    /// Replaces the file at `url` with `data` (mode 0644 before the umask) by writing a hidden
    /// temporary file beside it and renaming it. Throws a `CocoaError` naming the file.
    static func replace(_ url: URL, with data: Data) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(.fileWriteUnknown, url) }
        var written = 0
        let complete = data.withUnsafeBytes { bytes -> Bool in
            while written < bytes.count {
                let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if result < 0, errno == EINTR { continue }
                guard result > 0 else { return false }
                written += result
            }
            return true
        }
        let closed = close(descriptor) == 0
        guard complete, closed, rename(temporary.path, url.path) == 0 else {
            let error = failure(errno == ENOSPC ? .fileWriteOutOfSpace : .fileWriteUnknown, url)
            unlink(temporary.path)
            throw error
        }
    }

    /// Makes every file written so far in `folder`'s file system durable.
    /// Throws a `CocoaError` naming the folder if the flush fails.
    static func synchronize(folder: URL) throws {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(.fileReadUnknown, folder) }
        defer { close(descriptor) }
        guard shim_syncfs(descriptor) == 0 else { throw failure(.fileWriteUnknown, folder) }
    }

    private static func failure(_ code: CocoaError.Code, _ url: URL) -> CocoaError {
        CocoaError(code, userInfo: [NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
    }
}
