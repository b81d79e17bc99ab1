import COpenSSL

/// Certificate serial numbers: generation and hexadecimal text form.
enum SerialNumber {
    /// Number of bytes in a generated serial.
    static let byteCount = 16

    /// Sets `serial` in place to 16 random bytes with the top bit cleared (so it is positive)
    /// and the next bit set (so it always has 16 significant bytes): 126 random bits.
    /// Throws `PKIError.openSSL` if the random generator or the assignment fails.
    static func setRandom(_ serial: UnsafeMutablePointer<ASN1_INTEGER>?) throws {
        var bytes = [UInt8](repeating: 0, count: byteCount)
        guard RAND_bytes(&bytes, Int32(byteCount)) == 1 else { throw PKIError.openSSL("generate a serial number") }
        bytes[0] = (bytes[0] & 0x7F) | 0x40
        guard ASN1_STRING_set(serial, bytes, Int32(byteCount)) == 1 else { throw PKIError.openSSL("set a serial number") }
    }

    /// The uppercase hexadecimal form of `serial` (even length, "-" prefix if negative).
    /// Throws `PKIError.openSSL` if it cannot be converted.
    static func hex(of serial: UnsafePointer<ASN1_INTEGER>?) throws -> String {
        guard let number = ASN1_INTEGER_to_BN(serial, nil) else { throw PKIError.openSSL("read a serial number") }
        defer { BN_free(number) }
        guard let hex = String(takingOpenSSLString: BN_bn2hex(number)) else { throw PKIError.openSSL("format a serial number") }
        return hex
    }

    /// A new `ASN1_INTEGER` (the caller frees it) for the non-negative hexadecimal `hex`.
    /// Throws `PKIError.invalidArgument` unless `hex` is 1 to 40 hex digits.
    static func makeInteger(hex: String) throws -> UnsafeMutablePointer<ASN1_INTEGER> {
        guard (1...40).contains(hex.count), hex.allSatisfy(\.isHexDigit) else {
            throw PKIError.invalidArgument(reason: "serial number \"\(hex)\" is not 1 to 40 hexadecimal digits")
        }
        var number: OpaquePointer?
        let parsed = BN_hex2bn(&number, hex)
        defer { BN_free(number) }
        guard parsed == hex.utf8.count, let number else { throw PKIError.openSSL("parse serial number \(hex)") }
        guard let integer = BN_to_ASN1_INTEGER(number, nil) else { throw PKIError.openSSL("convert serial number \(hex)") }
        return integer
    }
}
