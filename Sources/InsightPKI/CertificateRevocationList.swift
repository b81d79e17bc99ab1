import COpenSSL
import Foundation

/// An X.509 v2 certificate revocation list, owned by this object and freed with it.
/// Immutable after creation, so it is safe to share across tasks.
public final class CertificateRevocationList: @unchecked Sendable {
    /// The owned `X509_CRL`.
    private let pointer: OpaquePointer

    deinit {
        X509_CRL_free(pointer)
    }

    /// Builds and signs (SHA-256) a v2 CRL issued by `issuer` that lists `revoked`, with CRL number
    /// `number`, an authority key identifier, and the given lastUpdate and nextUpdate.
    /// Throws `PKIError.invalidArgument` for a negative number, a serial that is not hexadecimal or
    /// `nextUpdate` before `lastUpdate`; `PKIError.openSSL` if OpenSSL fails.
    public init(
        issuer: CertificateAuthority, revoked: [RevokedCertificate], number: Int, lastUpdate: Date = Date(), nextUpdate: Date
    ) throws {
        guard number >= 0 else { throw PKIError.invalidArgument(reason: "CRL number \(number) is negative") }
        guard nextUpdate >= lastUpdate else { throw PKIError.invalidArgument(reason: "CRL nextUpdate is before lastUpdate") }
        guard let crl = X509_CRL_new() else { throw PKIError.openSSL("allocate a CRL") }
        defer { X509_CRL_free(crl) }

        guard X509_CRL_set_version(crl, Int(X509_CRL_VERSION_2)) == 1,
              X509_CRL_set_issuer_name(crl, X509_get_subject_name(issuer.certificate.pointer)) == 1
        else { throw PKIError.openSSL("set the CRL version and issuer") }
        try ASN1Time.withTime(lastUpdate, field: "CRL lastUpdate") {
            guard X509_CRL_set1_lastUpdate(crl, $0) == 1 else { throw PKIError.openSSL("set CRL lastUpdate") }
        }
        try ASN1Time.withTime(nextUpdate, field: "CRL nextUpdate") {
            guard X509_CRL_set1_nextUpdate(crl, $0) == 1 else { throw PKIError.openSSL("set CRL nextUpdate") }
        }
        for entry in revoked {
            try Self.add(entry, to: crl)
        }
        try Self.addExtensions(to: crl, number: number, issuer: issuer.certificate.pointer)
        guard X509_CRL_sort(crl) == 1, X509_CRL_sign(crl, issuer.privateKey.pointer, EVP_sha256()) > 0 else {
            throw PKIError.openSSL("sign the CRL")
        }
        guard X509_CRL_up_ref(crl) == 1 else { throw PKIError.openSSL("retain the CRL") }
        pointer = crl
    }

    /// Takes ownership of `crl`.
    private init(taking crl: OpaquePointer) {
        pointer = crl
    }

    /// Reads the first CRL of a PEM text ("-----BEGIN X509 CRL-----"). Throws
    /// `PKIError.invalidEncoding` if there is none or it is malformed.
    public convenience init(pemRepresentation: String) throws {
        guard let crl = MemoryBIO.input(Data(pemRepresentation.utf8), { PEM_read_bio_X509_CRL($0, nil, nil, nil) }) else {
            throw PKIError.invalidEncoding("PEM CRL")
        }
        self.init(taking: crl)
    }

    /// When the issuer promises the next CRL (nil when the CRL names no time).
    public var nextUpdate: Date? { ASN1Time.date(of: X509_CRL_get0_nextUpdate(pointer)) }

    /// The entries of the list. Throws `PKIError.invalidEncoding` for an unreadable serial.
    public func revokedCertificates() throws -> [RevokedCertificate] {
        let entries = X509_CRL_get_REVOKED(pointer)
        return try (0..<max(0, shim_sk_X509_REVOKED_num(entries))).map { index in
            let entry = shim_sk_X509_REVOKED_value(entries, index)
            return RevokedCertificate(
                serialNumber: try SerialNumber.hex(of: X509_REVOKED_get0_serialNumber(entry)),
                revocationDate: ASN1Time.date(of: X509_REVOKED_get0_revocationDate(entry)) ?? Date(timeIntervalSince1970: 0)
            )
        }
    }

    /// The CRL as PEM ("-----BEGIN X509 CRL-----"). Throws `PKIError.openSSL` if encoding fails.
    public func pemRepresentation() throws -> String {
        let pem = try MemoryBIO.output("write a PEM CRL") { PEM_write_bio_X509_CRL($0, pointer) }
        return String(decoding: pem, as: UTF8.self)
    }

    /// The CRL's DER encoding. Throws `PKIError.openSSL` if encoding fails.
    public func derRepresentation() throws -> Data {
        try MemoryBIO.output("encode a CRL") { i2d_X509_CRL_bio($0, pointer) }
    }

    /// Appends `entry` to `crl`.
    private static func add(_ entry: RevokedCertificate, to crl: OpaquePointer) throws {
        let serial = try SerialNumber.makeInteger(hex: entry.serialNumber)
        defer { ASN1_INTEGER_free(serial) }
        guard let revoked = X509_REVOKED_new() else { throw PKIError.openSSL("allocate a CRL entry") }
        do {
            guard X509_REVOKED_set_serialNumber(revoked, serial) == 1 else { throw PKIError.openSSL("set revoked serial \(entry.serialNumber)") }
            try ASN1Time.withTime(entry.revocationDate, field: "revocation date") {
                guard X509_REVOKED_set_revocationDate(revoked, $0) == 1 else { throw PKIError.openSSL("set a revocation date") }
            }
            guard X509_CRL_add0_revoked(crl, revoked) == 1 else { throw PKIError.openSSL("add revoked serial \(entry.serialNumber)") }
        } catch {
            X509_REVOKED_free(revoked)
            throw error
        }
    }

    /// Adds the CRL number and the authority key identifier of `issuer` (an `X509`) to `crl`.
    private static func addExtensions(to crl: OpaquePointer, number: Int, issuer: OpaquePointer) throws {
        guard let crlNumber = ASN1_INTEGER_new() else { throw PKIError.openSSL("allocate the CRL number") }
        defer { ASN1_INTEGER_free(crlNumber) }
        guard ASN1_INTEGER_set_int64(crlNumber, Int64(number)) == 1,
              X509_CRL_add1_ext_i2d(crl, NID_crl_number, crlNumber, 0, 0) == 1
        else { throw PKIError.openSSL("add CRL number \(number)") }

        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer, nil, nil, crl, 0)
        guard let keyIdentifier = X509V3_EXT_conf_nid(nil, &context, NID_authority_key_identifier, "keyid:always") else {
            throw PKIError.openSSL("make the CRL authority key identifier")
        }
        defer { X509_EXTENSION_free(keyIdentifier) }
        guard X509_CRL_add_ext(crl, keyIdentifier, -1) == 1 else { throw PKIError.openSSL("add the CRL authority key identifier") }
    }
}
