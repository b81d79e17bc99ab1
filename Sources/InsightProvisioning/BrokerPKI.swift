import Foundation
import InsightCore
import InsightPKI

/// What the MQTT broker and the ingester need from the database's CAs: a server
/// certificate for the broker, a client identity for the ingester, the root that both trust, and
/// every CA's CRL. Certificates of the broker and the ingester come from the root, made anew at
/// each start; the ingester's key never leaves memory.
public struct BrokerPKI: Sendable {
    private let authorities: CertificateAuthorityVault

    /// - Parameter issuingKeyInToken: the PKCS#11 token key of issuing CAs (`--ca-key`), which
    ///   renews their CRLs.
    public init(secrets: SharedSecrets, issuingKeyInToken: PrivateKey? = nil) {
        authorities = CertificateAuthorityVault(secrets: secrets, issuingKeyInToken: issuingKeyInToken)
    }

    /// The common name of the ingester's certificate, which the broker takes as its user name.
    public static let ingesterCommonName = "insight-ingester"

    /// The root CA certificate that gateways' issuing CAs, the broker and the ingester chain to.
    public func rootCertificate() async throws -> Certificate {
        try await authorities.rootAuthority().certificate
    }

    /// A new key and server certificate (1 year) for the broker, naming `hosts` (DNS names or
    /// IP addresses) as subjectAltNames.
    public func serverCredentials(hosts: [String]) async throws -> (certificate: Certificate, privateKey: PrivateKey) {
        let root = try await authorities.rootAuthority()
        let key = try PrivateKey(generating: .ecP256)
        let names = Array(Set(hosts)).sorted().map(SubjectAlternativeName.host)
        let certificate = try root.issueCertificate(
            commonName: hosts.first ?? "localhost", subjectAlternativeNames: names, publicKey: key.publicKey, validityYears: 1, purpose: .server
        )
        return (certificate, key)
    }

    /// A new client identity (key and certificate from the root, 1 year) for the ingester.
    public func ingesterIdentity() async throws -> PKCS12 {
        let root = try await authorities.rootAuthority()
        let key = try PrivateKey(generating: .ecP256)
        let certificate = try root.issueCertificate(
            commonName: Self.ingesterCommonName, subjectAlternativeNames: [.uri("urn:insight:ingester")], publicKey: key.publicKey, validityYears: 1
        )
        return PKCS12(privateKey: key, certificate: certificate)
    }

    /// Every CA's current CRL in one PEM text, as a broker's CRL file holds them; CRLs due to
    /// expire within 3 days at `now` are renewed (checked at most hourly).
    public func revocationListsPEM(now: Date = Date()) async throws -> String {
        try await authorities.allRevocationListsPEM(now: now)
    }
}
