import CLibZip
import Foundation

/// Reads a zip archive held in memory: lists its entries and extracts their data, decrypting
/// WinZip AES (and ZipCrypto) entries with a password. Owns the libzip archive and frees it with
/// itself. Not `Sendable`: libzip archives must not be read from two threads at once.
public final class ZipArchiveReader {
    private let archive: ZipArchiveHandle

    /// The archive's entries in their stored order.
    public let entries: [ZipEntryInfo]

    /// Opens the archive in `data` (copied). Throws `ZipError.libzip` if it is not a zip archive,
    /// `ZipError.invalidEntryName` if an entry's name could extract outside its destination folder.
    public init(data: Data) throws {
        archive = try ZipArchiveHandle(source: ZipSource(copying: data), flags: ZIP_RDONLY)
        entries = try (0..<max(0, zip_get_num_entries(archive.pointer, 0))).map { [archive] index in
            var stat = zip_stat_t()
            zip_stat_init(&stat)
            guard zip_stat_index(archive.pointer, zip_uint64_t(index), 0, &stat) == 0, let name = stat.name else {
                throw archive.error("read entry \(index)")
            }
            let info = ZipEntryInfo(
                name: String(cString: name),
                uncompressedSize: stat.size,
                compressedSize: stat.comp_size,
                encryption: ZipEncryption(method: stat.encryption_method),
                crc32: stat.valid & zip_uint64_t(ZIP_STAT_CRC) != 0 ? stat.crc : nil
            )
            try ZipEntryName.validate(info.name)
            return info
        }
    }

    /// Opens the archive in the file at `url`. Throws what `init(data:)` throws, or the file system's error.
    public convenience init(contentsOf url: URL) throws {
        try self.init(data: Data(contentsOf: url))
    }

    /// The extracted data of the entry named `name`, decrypted with `password` if it is encrypted.
    /// Throws `ZipError.entryNotFound`, `.passwordRequired`, `.wrongPassword`, or `.libzip` if the data
    /// is corrupt (including a failed CRC or AES authentication check).
    public func data(forEntry name: String, password: String? = nil) throws -> Data {
        let index = zip_name_locate(archive.pointer, name, 0)
        guard index >= 0, let entry = entries.first(where: { $0.name == name }) else { throw ZipError.entryNotFound(name) }
        guard let file = zip_fopen_index_encrypted(archive.pointer, zip_uint64_t(index), 0, password) else {
            let error = zip_get_error(archive.pointer)
            switch zip_error_code_zip(error) {
            case ZIP_ER_NOPASSWD: throw ZipError.passwordRequired(entry: name)
            case ZIP_ER_WRONGPASSWD: throw ZipError.wrongPassword(entry: name)
            default: throw ZipError.libzip("open entry \"\(name)\"", error)
            }
        }
        var data = Data(count: Int(entry.uncompressedSize))
        let read = data.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, zip_uint64_t($0.count)) }
        // Reading on to the end is what makes libzip check the CRC or the AES authentication code.
        var probe: UInt8 = 0
        guard read == entry.uncompressedSize, zip_fread(file, &probe, 1) == 0 else {
            let error = ZipError.libzip("read entry \"\(name)\"", zip_file_get_error(file))
            zip_fclose(file)
            throw error
        }
        let status = zip_fclose(file)
        guard status == 0 else { throw ZipError.libzip("finish reading entry \"\(name)\"", code: status) }
        return data
    }
}
