import CLibZip
import Foundation

/// Collects named entries and writes them as a zip archive: deflate compression, each entry
/// optionally encrypted with WinZip AES-256 (which 7-Zip and Windows Explorer read).
/// Entries are deflated (zlib) and encrypted (`WinZipAES256`) here and laid out by libzip.
/// Entry names are validated as they are added, so an archive never holds a name that would
/// extract outside its destination folder.
public struct ZipArchiveWriter: Sendable {
    private struct Entry: Sendable {
        let name: String
        let data: Data
        let password: String?
    }

    /// The bytes of an archive without entries, which libzip does not write itself.
    private static let emptyArchive = Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))

    private var entries: [Entry] = []

    /// An archive without entries.
    public init() {}

    /// Adds an entry named `name` (a relative path with "/" separators) holding `data`, encrypted
    /// with WinZip AES-256 under `password` if one is given. Entries keep the order of addition.
    /// Throws `ZipError.invalidEntryName` for an empty or absolute name, an empty, "." or ".."
    /// component, a backslash, a colon or a control character, `ZipError.duplicateEntry` for a name already added,
    /// `ZipError.emptyPassword` for a password of "".
    public mutating func addEntry(named name: String, data: Data, password: String? = nil) throws {
        try ZipEntryName.validate(name)
        guard !entries.contains(where: { $0.name == name }) else { throw ZipError.duplicateEntry(name) }
        guard password != "" else { throw ZipError.emptyPassword(entry: name) }
        entries.append(Entry(name: name, data: data, password: password))
    }

    /// The archive's bytes. Throws `ZipError.compression` or `.encryption` if compressing or
    /// encrypting an entry fails, `.encryptionUnsupported` if an entry has a password and libzip
    /// does not know WinZip AES-256, `ZipError.libzip` if libzip fails.
    public func archiveData() throws -> Data {
        guard !entries.isEmpty else { return Self.emptyArchive }
        if entries.contains(where: { $0.password != nil }), zip_encryption_method_supported(zip_uint16_t(ZIP_EM_AES_256), 1) != 1 {
            throw ZipError.encryptionUnsupported
        }
        let source = try ZipSource()
        let archive = try ZipArchiveHandle(source: source, flags: ZIP_TRUNCATE)
        for entry in entries {
            try add(entry, to: archive)
        }
        try archive.close()
        return try source.contents()
    }

    /// Writes the archive to the file at `url`, replacing it atomically.
    /// Throws what `archiveData()` throws, or the file system's error.
    public func write(to url: URL) throws {
        try archiveData().write(to: url, options: .atomic)
    }

    private func add(_ entry: Entry, to archive: ZipArchiveHandle) throws {
        let compressed = try RawDeflate.compress(entry.data)
        let stored = try entry.password.map { try WinZipAES256.encrypt(compressed, password: $0) } ?? compressed
        let source = try PreparedEntrySource.make(
            stored: stored, uncompressedSize: entry.data.count, crc: RawDeflate.crc32(entry.data), isEncrypted: entry.password != nil
        )
        let index = zip_file_add(archive.pointer, entry.name, source, zip_flags_t(ZIP_FL_ENC_UTF_8))
        guard index >= 0 else {
            zip_source_free(source)
            throw archive.error("add entry \"\(entry.name)\"")
        }
        // Without a password libzip only records the method; the data is encrypted already.
        if entry.password != nil, zip_file_set_encryption(archive.pointer, zip_uint64_t(index), zip_uint16_t(ZIP_EM_AES_256), nil) != 0 {
            throw archive.error("mark \"\(entry.name)\" as AES-256 encrypted")
        }
    }
}
