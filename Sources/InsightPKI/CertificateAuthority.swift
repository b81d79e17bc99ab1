import COpenSSL
import Foundation

/// A certificate authority: a CA certificate and its private key. Issues intermediate CAs and
/// end-entity (TLS client) certificates, all signed with SHA-256 and given random serials.
public struct CertificateAuthority: Sendable {
    /// The CA's certificate.
    public let certificate: Certificate
    /// The CA's private key, which signs what the CA issues.
    public let privateKey: PrivateKey

    /// Pairs an existing CA certificate with its key, for instance one loaded from PEM.
    /// Throws `PKIError.invalidArgument` if `privateKey` does not match the certificate's public key.
    public init(certificate: Certificate, privateKey: PrivateKey) throws {
        guard X509_check_private_key(certificate.pointer, privateKey.pointer) == 1 else {
            _ = PKIError.drainErrorQueue()
            throw PKIError.invalidArgument(reason: "the private key does not match the CA certificate's public key")
        }
        self.certificate = certificate
        self.privateKey = privateKey
    }

    /// Creates a self-signed root CA with subject CN=`commonName`, valid for `validityYears` from
    /// `notBefore`: basicConstraints CA:TRUE (critical), keyUsage keyCertSign and cRLSign (critical),
    /// subjectKeyIdentifier. Throws `PKIError.invalidArgument` for an empty name or non-positive
    /// validity, `PKIError.openSSL` if OpenSSL fails.
    public static func makeRoot(
        commonName: String, privateKey: PrivateKey, validityYears: Int = 20, notBefore: Date = Date()
    ) throws -> CertificateAuthority {
        let certificate = try CertificateSigner.sign(
            commonName: commonName,
            publicKey: privateKey.pointer,
            validity: Validity(from: notBefore, years: validityYears),
            profile: .root,
            issuer: .init(certificate: nil, privateKey: privateKey)
        )
        return try CertificateAuthority(certificate: certificate, privateKey: privateKey)
    }

    /// Creates an issuing CA signed by this CA, with subject CN=`commonName` and key `privateKey`,
    /// valid for `validityYears` from `notBefore`: basicConstraints CA:TRUE, pathlen:0 (critical),
    /// keyUsage keyCertSign and cRLSign (critical), subject and authority key identifiers.
    /// Throws like `makeRoot`.
    public func makeIntermediate(
        commonName: String, privateKey: PrivateKey, validityYears: Int = 10, notBefore: Date = Date()
    ) throws -> CertificateAuthority {
        let certificate = try CertificateSigner.sign(
            commonName: commonName,
            publicKey: privateKey.pointer,
            validity: Validity(from: notBefore, years: validityYears),
            profile: .intermediate,
            issuer: issuer
        )
        return try CertificateAuthority(certificate: certificate, privateKey: privateKey)
    }

    /// Issues an end-entity certificate for `publicKey` with subject CN=`commonName`, the given
    /// subjectAltNames, a random positive 126-bit serial, valid for `validityYears` from `notBefore`:
    /// basicConstraints CA:FALSE, keyUsage digitalSignature (plus keyEncipherment for RSA keys),
    /// extendedKeyUsage `purpose` (clientAuth by default), subject and authority key identifiers.
    /// Throws `PKIError.invalidArgument` for an empty name, a SAN that is not printable ASCII or a
    /// non-positive validity, `PKIError.openSSL` if OpenSSL fails.
    public func issueCertificate(
        commonName: String,
        subjectAlternativeNames: [SubjectAlternativeName],
        publicKey: PublicKey,
        validityYears: Int = 2,
        notBefore: Date = Date(),
        purpose: CertificatePurpose = .client
    ) throws -> Certificate {
        try CertificateSigner.sign(
            commonName: commonName,
            publicKey: publicKey.pointer,
            validity: Validity(from: notBefore, years: validityYears),
            profile: .endEntity(isRSA: EVP_PKEY_get_base_id(publicKey.pointer) == EVP_PKEY_RSA, purpose: purpose),
            subjectAlternativeNames: subjectAlternativeNames,
            issuer: issuer
        )
    }

    private var issuer: CertificateSigner.Issuer {
        .init(certificate: certificate, privateKey: privateKey)
    }
}
