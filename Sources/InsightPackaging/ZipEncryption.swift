import CLibZip

/// How a zip entry is encrypted.
public enum ZipEncryption: Sendable, Hashable {
    /// Stored in the clear.
    case none
    /// WinZip AES with a 256-bit key.
    case aes256
    /// Any other method (ZipCrypto, AES-128/192, ...), with libzip's method number.
    case other(UInt16)

    init(method: UInt16) {
        switch Int32(method) {
        case ZIP_EM_NONE: self = .none
        case ZIP_EM_AES_256: self = .aes256
        default: self = .other(method)
        }
    }
}
