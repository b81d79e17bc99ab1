import CLibZip
import Foundation

/// A libzip source over an entry's bytes as they are stored: deflated, and encrypted with WinZip
/// AES-256 when `isEncrypted`. Its stat says so (compression method, encryption method, sizes,
/// CRC), which makes libzip copy the bytes into the archive as they are instead of compressing
/// and encrypting them itself. (libzip derives the "version needed" from the methods: 5.1 for
/// WinZip AES, 2.0 for deflate.)
final class PreparedEntrySource {
    private let stored: Data
    private let uncompressedSize: Int
    private let crc: UInt32
    private let isEncrypted: Bool
    private var position = 0
    private var error = zip_error_t()

    private init(stored: Data, uncompressedSize: Int, crc: UInt32, isEncrypted: Bool) {
        self.stored = stored
        self.uncompressedSize = uncompressedSize
        self.crc = crc
        self.isEncrypted = isEncrypted
        zip_error_init(&error)
    }

    deinit {
        zip_error_fini(&error)
    }

    /// A new libzip source (one reference, which `zip_file_add` takes over) for an entry whose
    /// uncompressed data had `uncompressedSize` bytes and CRC-32 `crc`, stored as `stored`.
    /// Throws `ZipError.libzip` if libzip cannot create it.
    static func make(stored: Data, uncompressedSize: Int, crc: UInt32, isEncrypted: Bool) throws -> OpaquePointer {
        let source = PreparedEntrySource(stored: stored, uncompressedSize: uncompressedSize, crc: crc, isEncrypted: isEncrypted)
        let userdata = Unmanaged.passRetained(source).toOpaque()
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let pointer = zip_source_function_create(callback, userdata, &error) else {
            Unmanaged<PreparedEntrySource>.fromOpaque(userdata).release()
            throw ZipError.libzip("create an entry source", &error)
        }
        return pointer
    }

    private static let supportedCommands: [zip_source_cmd_t] = [
        ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
        ZIP_SOURCE_SUPPORTS,
    ]

    /// libzip's entry point; `userdata` is the retained `PreparedEntrySource`, released on ZIP_SOURCE_FREE.
    private static let callback: zip_source_callback = { userdata, data, length, command in
        guard let userdata else { return -1 }
        let unmanaged = Unmanaged<PreparedEntrySource>.fromOpaque(userdata)
        if command == ZIP_SOURCE_FREE {
            unmanaged.release()
            return 0
        }
        return unmanaged.takeUnretainedValue().handle(command, data: data, length: length)
    }

    private func handle(_ command: zip_source_cmd_t, data: UnsafeMutableRawPointer?, length: zip_uint64_t) -> zip_int64_t {
        switch command {
        case ZIP_SOURCE_OPEN:
            position = 0
            return 0
        case ZIP_SOURCE_READ:
            let count = min(Int(length), stored.count - position)
            if count > 0, let data {
                let start = stored.startIndex + position
                stored.copyBytes(to: data.assumingMemoryBound(to: UInt8.self), from: start..<(start + count))
            }
            position += max(count, 0)
            return zip_int64_t(max(count, 0))
        case ZIP_SOURCE_CLOSE:
            return 0
        case ZIP_SOURCE_STAT:
            guard length >= MemoryLayout<zip_stat_t>.size, let stat = data?.assumingMemoryBound(to: zip_stat_t.self) else { return -1 }
            stat.pointee.size = zip_uint64_t(uncompressedSize)
            stat.pointee.comp_size = zip_uint64_t(stored.count)
            stat.pointee.crc = crc
            stat.pointee.comp_method = zip_uint16_t(ZIP_CM_DEFLATE)
            stat.pointee.encryption_method = zip_uint16_t(isEncrypted ? ZIP_EM_AES_256 : ZIP_EM_NONE)
            stat.pointee.valid |= zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD)
            return zip_int64_t(MemoryLayout<zip_stat_t>.size)
        case ZIP_SOURCE_ERROR:
            return zip_error_to_data(&error, data, length)
        case ZIP_SOURCE_SUPPORTS:
            return Self.supportedCommands.reduce(0) { $0 | (zip_int64_t(1) << zip_int64_t($1.rawValue)) }
        default:
            zip_error_set(&error, ZIP_ER_INVAL, 0)
            return -1
        }
    }
}
