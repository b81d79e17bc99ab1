import CLibZip

/// The errors that InsightPackaging throws; each names the entry or the operation that failed.
public enum ZipError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An entry name is unsafe to extract; `reason` says why.
    case invalidEntryName(String, reason: String)
    /// Two entries share a name.
    case duplicateEntry(String)
    /// An entry was given an empty password.
    case emptyPassword(entry: String)
    /// zlib failed to compress an entry; `operation` names the step.
    case compression(String)
    /// Encrypting an entry failed; `operation` names the step.
    case encryption(String)
    /// This libzip does not know WinZip AES-256, so it cannot record an entry as encrypted with it.
    case encryptionUnsupported
    /// The archive has no entry of that name.
    case entryNotFound(String)
    /// The entry is encrypted and no password was given.
    case passwordRequired(entry: String)
    /// The entry is encrypted and the password is wrong.
    case wrongPassword(entry: String)
    /// libzip failed; `operation` names what was attempted, `message` is libzip's explanation.
    case libzip(operation: String, message: String)

    public var description: String {
        switch self {
        case let .invalidEntryName(name, reason): "invalid zip entry name \"\(name)\": \(reason)"
        case let .duplicateEntry(name): "duplicate zip entry \"\(name)\""
        case let .emptyPassword(entry): "empty password for zip entry \"\(entry)\""
        case let .compression(operation): "zlib failed to \(operation)"
        case let .encryption(operation): "encryption failed to \(operation)"
        case .encryptionUnsupported: "this libzip cannot record WinZip AES-256 entries"
        case let .entryNotFound(name): "no zip entry \"\(name)\""
        case let .passwordRequired(entry): "zip entry \"\(entry)\" is encrypted and needs a password"
        case let .wrongPassword(entry): "wrong password for zip entry \"\(entry)\""
        case let .libzip(operation, message): "libzip failed to \(operation): \(message)"
        }
    }

    /// A `.libzip` error for `operation` explained by the libzip error at `error`.
    static func libzip(_ operation: String, _ error: UnsafeMutablePointer<zip_error_t>?) -> ZipError {
        let message = error.flatMap { zip_error_strerror($0) }.map { String(cString: $0) } ?? "unknown error"
        return .libzip(operation: operation, message: message)
    }

    /// A `.libzip` error for `operation` explained by the libzip error code `code`.
    static func libzip(_ operation: String, code: Int32) -> ZipError {
        var error = zip_error_t()
        zip_error_init_with_code(&error, code)
        defer { zip_error_fini(&error) }
        return libzip(operation, &error)
    }
}
