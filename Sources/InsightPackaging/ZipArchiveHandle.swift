import CLibZip
import Foundation

/// A libzip archive opened on a `ZipSource`, owned by this object: discarded (unchanged) in
/// `deinit` unless `close()` wrote it.
final class ZipArchiveHandle {
    let pointer: OpaquePointer
    private var isOpen = true

    /// Opens an archive on `source` with libzip `flags` (`ZIP_RDONLY`, `ZIP_TRUNCATE`, ...).
    /// Throws `ZipError.libzip` if the source does not hold a zip archive the flags accept.
    init(source: ZipSource, flags: Int32) throws {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let archive = zip_open_from_source(source.pointer, flags, &error) else {
            throw ZipError.libzip("open a zip archive", &error)
        }
        // The archive now owns the caller's reference; take one more for the ZipSource object.
        zip_source_keep(source.pointer)
        pointer = archive
    }

    deinit {
        if isOpen {
            zip_discard(pointer)
        }
    }

    /// Writes pending changes to the source and closes the archive.
    /// Throws `ZipError.libzip` if writing fails (the archive is then discarded in `deinit`).
    func close() throws {
        guard zip_close(pointer) == 0 else { throw ZipError.libzip("write the zip archive", zip_get_error(pointer)) }
        isOpen = false
    }

    /// The libzip error for `operation` on this archive.
    func error(_ operation: String) -> ZipError {
        .libzip(operation, zip_get_error(pointer))
    }
}
