import COpenSSL

extension String {
    /// Decodes the UTF-8 bytes of `buffer` up to its first NUL (or its end).
    init(nulTerminated buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Decodes a NUL-terminated string that OpenSSL allocated and frees it; nil if `pointer` is nil.
    init?(takingOpenSSLString pointer: UnsafeMutablePointer<CChar>?) {
        guard let pointer else { return nil }
        defer { shim_OPENSSL_free(pointer) }
        self.init(cString: pointer)
    }
}
