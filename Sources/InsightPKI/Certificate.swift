import COpenSSL
import Foundation

/// An X.509 certificate owned by this object and freed with it. Its fields are read once at
/// creation; it is immutable afterwards, so it is safe to share across tasks.
/// Two certificates are equal when their SHA-256 fingerprints are.
public final class Certificate: @unchecked Sendable, Hashable {
    /// The owned `X509`.
    let pointer: OpaquePointer

    /// The subject's common name (CN), or nil if the subject has none.
    public let subjectCommonName: String?
    /// The issuer's common name (CN), or nil if the issuer has none.
    public let issuerCommonName: String?
    /// The serial number in uppercase hexadecimal with an even number of digits, as
    /// `openssl x509 -serial` prints it.
    public let serialNumber: String
    /// The start of the validity period.
    public let notBefore: Date
    /// The end of the validity period.
    public let notAfter: Date
    /// The SHA-256 digest of the DER encoding (32 bytes).
    public let sha256Fingerprint: Data

    /// Takes a reference to `x509` (the caller keeps its own) and reads its fields.
    /// Throws `PKIError.invalidEncoding` if a field cannot be read.
    init(retaining x509: OpaquePointer) throws {
        // Every throwing step comes before the reference is taken, so a failed init never leaks it.
        guard let notBefore = ASN1Time.date(of: X509_get0_notBefore(x509)),
              let notAfter = ASN1Time.date(of: X509_get0_notAfter(x509))
        else { throw PKIError.invalidEncoding("certificate validity") }
        let serialNumber = try SerialNumber.hex(of: X509_get0_serialNumber(x509))
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(x509, EVP_sha256(), &digest, &length) == 1 else { throw PKIError.openSSL("digest a certificate") }
        guard X509_up_ref(x509) == 1 else { throw PKIError.openSSL("retain a certificate") }

        pointer = x509
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.serialNumber = serialNumber
        sha256Fingerprint = Data(digest.prefix(Int(length)))
        subjectCommonName = Self.commonName(of: X509_get_subject_name(x509))
        issuerCommonName = Self.commonName(of: X509_get_issuer_name(x509))
    }

    deinit {
        X509_free(pointer)
    }

    /// Reads the first certificate of a PEM text ("-----BEGIN CERTIFICATE-----").
    /// Throws `PKIError.invalidEncoding` if there is none or it is malformed.
    public convenience init(pemRepresentation: String) throws {
        try self.init(decoding: Data(pemRepresentation.utf8), format: "PEM certificate") { PEM_read_bio_X509($0, nil, nil, nil) }
    }

    /// Reads every certificate of a PEM text, in order (a CA chain such as a package's `ca.pem`).
    /// Throws `PKIError.invalidEncoding` if there is none.
    public static func all(pemRepresentation: String) throws -> [Certificate] {
        let pointers = MemoryBIO.input(Data(pemRepresentation.utf8)) { bio -> [OpaquePointer]? in
            var read: [OpaquePointer] = []
            while let x509 = PEM_read_bio_X509(bio, nil, nil, nil) { read.append(x509) }
            ERR_clear_error()  // the end of the text reads as an error
            return read
        } ?? []
        defer { pointers.forEach { X509_free($0) } }
        guard !pointers.isEmpty else { throw PKIError.invalidEncoding("PEM certificates") }
        return try pointers.map { try Certificate(retaining: $0) }
    }

    /// Reads a DER-encoded certificate. Throws `PKIError.invalidEncoding` if it is malformed.
    public convenience init(derRepresentation: Data) throws {
        try self.init(decoding: derRepresentation, format: "DER certificate") { d2i_X509_bio($0, nil) }
    }

    private convenience init(decoding data: Data, format: String, _ read: (OpaquePointer) -> OpaquePointer?) throws {
        guard let x509 = MemoryBIO.input(data, read) else { throw PKIError.invalidEncoding(format) }
        defer { X509_free(x509) }
        try self.init(retaining: x509)
    }

    /// The certificate's public key. Throws `PKIError.openSSL` if it cannot be read.
    public var publicKey: PublicKey {
        get throws {
            guard let key = X509_get0_pubkey(pointer) else { throw PKIError.openSSL("read a certificate's public key") }
            return try PublicKey(of: key)
        }
    }

    /// The certificate as PEM ("-----BEGIN CERTIFICATE-----"). Throws `PKIError.openSSL` if encoding fails.
    public func pemRepresentation() throws -> String {
        let pem = try MemoryBIO.output("write a PEM certificate") { PEM_write_bio_X509($0, pointer) }
        return String(decoding: pem, as: UTF8.self)
    }

    /// The certificate's DER encoding. Throws `PKIError.openSSL` if encoding fails.
    public func derRepresentation() throws -> Data {
        try MemoryBIO.output("encode a certificate") { i2d_X509_bio($0, pointer) }
    }

    public static func == (lhs: Certificate, rhs: Certificate) -> Bool {
        lhs.sha256Fingerprint == rhs.sha256Fingerprint
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(sha256Fingerprint)
    }

    /// The first CN of the `X509_NAME` at `name` as UTF-8, or nil if it has none.
    private static func commonName(of name: OpaquePointer?) -> String? {
        let index = X509_NAME_get_index_by_NID(name, NID_commonName, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index), let value = X509_NAME_ENTRY_get_data(entry) else { return nil }
        var utf8: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&utf8, value)
        guard length >= 0, let utf8 else { return nil }
        defer { shim_OPENSSL_free(utf8) }
        return String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
    }
}
