import CLibZip
import Foundation

/// An in-memory libzip source, owned by this object (one reference, dropped in `deinit`).
/// An archive opened on it holds a second reference, so the bytes outlive the archive.
final class ZipSource {
    let pointer: OpaquePointer

    /// A source over a private copy of `data` (empty when `data` is). Throws `ZipError.libzip`.
    init(copying data: Data = Data()) throws {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        let buffer = data.isEmpty ? nil : malloc(data.count)
        if let buffer {
            data.copyBytes(to: buffer.assumingMemoryBound(to: UInt8.self), count: data.count)
        }
        // With freep = 1, libzip frees the copy together with the source.
        guard let source = zip_source_buffer_create(buffer, zip_uint64_t(data.count), buffer == nil ? 0 : 1, &error) else {
            free(buffer)
            throw ZipError.libzip("create an in-memory source", &error)
        }
        pointer = source
    }

    deinit {
        zip_source_free(pointer)
    }

    /// Everything the source holds now, such as an archive written to it and closed.
    /// Throws `ZipError.libzip` if it cannot be read.
    func contents() throws -> Data {
        guard zip_source_open(pointer) == 0 else { throw ZipError.libzip("open the in-memory archive", zip_source_error(pointer)) }
        defer { zip_source_close(pointer) }
        guard zip_source_seek(pointer, 0, SEEK_END) == 0, case let size = zip_source_tell(pointer), size >= 0,
              zip_source_seek(pointer, 0, SEEK_SET) == 0
        else { throw ZipError.libzip("measure the in-memory archive", zip_source_error(pointer)) }
        var data = Data(count: Int(size))
        let read = data.withUnsafeMutableBytes { zip_source_read(pointer, $0.baseAddress, zip_uint64_t(size)) }
        guard read == size else { throw ZipError.libzip("read the in-memory archive", zip_source_error(pointer)) }
        return data
    }
}
