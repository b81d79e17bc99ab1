import CSyncFS
import Foundation
import InsightCore

/// Writes the batch's output files (packages, sheets). Each file is replaced atomically — a
/// reader sees the old file or the new one, never part of one — but not flushed on its own:
/// `synchronize` makes everything written so far durable with one `syncfs`, before the journal
/// or the manifest records it. (Foundation's atomic write flushes every file: an fsync per
/// package, each blocking a thread of the cooperative pool.) `syncfs` flushes the whole file
/// system that holds the output folder, so the folder's `packages/` and `sheets/` must be on it
/// (they are, unless replaced by links to elsewhere).
enum OutputFile {
    /// Replaces the file at `url` with `data` (mode 0644 less the umask), atomically, not yet durably.
    static func replace(_ url: URL, with data: Data) throws {
        try AtomicFile.replace(url, with: data, permissions: 0o644, durable: false)
    }

    /// A descriptor of `folder` for `synchronize(descriptor:folder:)`. Opened before the files are
    /// written, it also reports a write-back of them that failed (Linux 5.8 and later).
    /// Throws a `CocoaError` naming the folder.
    static func openForSynchronizing(_ folder: URL) throws -> Int32 {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError.file(errno: errno, folder) }
        return descriptor
    }

    /// Makes every file written so far on the file system of `descriptor`, the descriptor of
    /// `folder`, durable. Throws a `CocoaError` naming `folder` if the flush, or an earlier
    /// write-back, failed (a full disk is often told only here).
    static func synchronize(descriptor: Int32, folder: URL) throws {
        guard shim_syncfs(descriptor) == 0 else { throw CocoaError.file(errno: errno, folder) }
    }

    /// Makes every file written so far in `folder`'s file system durable.
    static func synchronize(folder: URL) throws {
        let descriptor = try openForSynchronizing(folder)
        defer { close(descriptor) }
        try synchronize(descriptor: descriptor, folder: folder)
    }
}
