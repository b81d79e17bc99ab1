import COpenSSL
import Foundation

/// Assembles and signs X.509 v3 certificates with SHA-256.
enum CertificateSigner {
    /// Who signs: the issuer's certificate (nil when self-signing) and private key.
    struct Issuer {
        let certificate: Certificate?
        let privateKey: PrivateKey
    }

    /// Builds a certificate for `publicKey` (an `EVP_PKEY`) with subject CN `commonName`, a random
    /// serial, `validity`, the extensions of `profile` and `subjectAlternativeNames`, signed by `issuer`.
    /// Throws `PKIError.invalidArgument` for an empty common name or a bad SAN, `PKIError.openSSL` otherwise.
    static func sign(
        commonName: String,
        publicKey: OpaquePointer,
        validity: Validity,
        profile: CertificateProfile,
        subjectAlternativeNames: [SubjectAlternativeName] = [],
        issuer: Issuer
    ) throws -> Certificate {
        guard !commonName.isEmpty else { throw PKIError.invalidArgument(reason: "common name is empty") }
        guard let x509 = X509_new() else { throw PKIError.openSSL("allocate a certificate") }
        defer { X509_free(x509) }

        guard X509_set_version(x509, Int(X509_VERSION_3)) == 1 else { throw PKIError.openSSL("set the version") }
        try SerialNumber.setRandom(X509_get_serialNumber(x509))
        try setSubject(of: x509, commonName: commonName)
        let issuerName = issuer.certificate.map { X509_get_subject_name($0.pointer) } ?? X509_get_subject_name(x509)
        guard X509_set_issuer_name(x509, issuerName) == 1 else { throw PKIError.openSSL("set the issuer name") }
        try ASN1Time.set(X509_getm_notBefore(x509), to: validity.notBefore, field: "notBefore")
        try ASN1Time.set(X509_getm_notAfter(x509), to: validity.notAfter, field: "notAfter")
        guard X509_set_pubkey(x509, publicKey) == 1 else { throw PKIError.openSSL("set the public key") }

        try addExtensions(profile.extensions, to: x509, issuer: issuer.certificate?.pointer ?? x509)
        if !subjectAlternativeNames.isEmpty {
            try SubjectAlternativeName.add(subjectAlternativeNames, to: x509)
        }
        guard X509_sign(x509, issuer.privateKey.pointer, EVP_sha256()) > 0 else {
            throw PKIError.openSSL("sign the certificate for \(commonName)")
        }
        return try Certificate(retaining: x509)
    }

    /// Replaces the subject name of `x509` by CN=`commonName`.
    private static func setSubject(of x509: OpaquePointer, commonName: String) throws {
        guard let name = X509_NAME_new() else { throw PKIError.openSSL("allocate the subject name") }
        defer { X509_NAME_free(name) }
        guard X509_NAME_add_entry_by_NID(name, NID_commonName, MBSTRING_UTF8, commonName, -1, -1, 0) == 1,
              X509_set_subject_name(x509, name) == 1
        else { throw PKIError.openSSL("set subject common name \"\(commonName)\"") }
    }

    /// Adds each (NID, configuration value) extension to `x509`, with `issuer` (an `X509`) as the
    /// source of the authority key identifier.
    private static func addExtensions(_ extensions: [(nid: Int32, value: String)], to x509: OpaquePointer, issuer: OpaquePointer) throws {
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer, x509, nil, nil, 0)
        for (nid, value) in extensions {
            guard let `extension` = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw PKIError.openSSL("make extension \(shortName(of: nid)) = \(value)")
            }
            defer { X509_EXTENSION_free(`extension`) }
            guard X509_add_ext(x509, `extension`, -1) == 1 else {
                throw PKIError.openSSL("add extension \(shortName(of: nid))")
            }
        }
    }

    /// OpenSSL's short name for `nid`, such as "basicConstraints", for error messages.
    private static func shortName(of nid: Int32) -> String {
        OBJ_nid2sn(nid).map { String(cString: $0) } ?? "NID \(nid)"
    }
}
