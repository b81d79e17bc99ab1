import COpenSSL
import Foundation

/// Scoped access to OpenSSL memory BIOs; the BIOs never outlive the calls.
enum MemoryBIO {
    /// Runs `write` on a fresh memory BIO and returns what it wrote.
    /// Throws `.openSSL(operation)` if the BIO cannot be made or `write` reports failure (<= 0).
    static func output(_ operation: String, _ write: (OpaquePointer) -> Int32) throws -> Data {
        guard let bio = BIO_new(BIO_s_mem()) else { throw PKIError.openSSL(operation) }
        defer { BIO_free(bio) }
        guard write(bio) > 0 else { throw PKIError.openSSL(operation) }
        var start: UnsafeMutablePointer<CChar>?
        let length = shim_BIO_get_mem_data(bio, &start)
        guard let start, length > 0 else { return Data() }
        return Data(bytes: start, count: length)
    }

    /// Runs `read` on a read-only memory BIO over `data` and returns its result;
    /// nil if the BIO cannot be made or `read` returns nil.
    static func input<T>(_ data: Data, _ read: (OpaquePointer) -> T?) -> T? {
        data.withUnsafeBytes { buffer -> T? in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return read(bio)
        }
    }
}
