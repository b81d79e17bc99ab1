/// What a zip archive says about one of its entries.
public struct ZipEntryInfo: Sendable, Hashable {
    /// The entry's name (a validated relative path).
    public let name: String
    /// The size of the entry's data once extracted, in bytes.
    public let uncompressedSize: UInt64
    /// The size of the entry's data as stored, in bytes.
    public let compressedSize: UInt64
    /// How the entry is encrypted.
    public let encryption: ZipEncryption
    /// The CRC-32 of the extracted data as the archive states it in the clear (WinZip AES
    /// entries under 20 bytes state none), or nil.
    public let crc32: UInt32?
}
