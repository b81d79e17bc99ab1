import COpenSSL

/// The errors that InsightPKI throws. Each names what failed; library failures carry the
/// drained OpenSSL error queue.
public enum PKIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An OpenSSL call failed. `operation` names it; `queue` is OpenSSL's error queue, if any.
    case openSSL(operation: String, queue: String)
    /// Input could not be decoded as the named format (`"PEM certificate"`, `"DER PKCS#12"`, ...).
    case invalidEncoding(format: String, queue: String)
    /// An argument was rejected before reaching OpenSSL; `reason` says which and why.
    case invalidArgument(reason: String)
    /// A PKCS#12 structure's MAC did not verify with the given password.
    case wrongPassword

    public var description: String {
        switch self {
        case let .openSSL(operation, queue):
            return "OpenSSL failed to \(operation)" + (queue.isEmpty ? "" : ": \(queue)")
        case let .invalidEncoding(format, queue):
            return "invalid \(format)" + (queue.isEmpty ? "" : ": \(queue)")
        case let .invalidArgument(reason):
            return "invalid argument: \(reason)"
        case .wrongPassword:
            return "wrong PKCS#12 password"
        }
    }

    /// An `.openSSL` error for `operation` that drains the thread's OpenSSL error queue.
    static func openSSL(_ operation: String) -> PKIError {
        .openSSL(operation: operation, queue: drainErrorQueue())
    }

    /// An `.invalidEncoding` error for `format` that drains the thread's OpenSSL error queue.
    static func invalidEncoding(_ format: String) -> PKIError {
        .invalidEncoding(format: format, queue: drainErrorQueue())
    }

    /// Removes every entry from this thread's OpenSSL error queue and returns them joined by "; ".
    static func drainErrorQueue() -> String {
        var messages: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        var code = ERR_get_error()
        while code != 0 {
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(nulTerminated: buffer))
            code = ERR_get_error()
        }
        return messages.joined(separator: "; ")
    }
}
