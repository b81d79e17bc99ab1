import Foundation
import InsightCore
import InsightPKI

/// Issues gateway credentials from the per-customer CA in the database's shared state (OpenSSL).
///
/// Certificates: subject CN = the gateway's thing name (its id), SAN
/// `URI:urn:insight:gateway:<id>`, a random 126-bit serial, clientAuth, valid for
/// `validityYears` (default 2). Keys: EC P-256 by default, RSA 2048 on request.
public struct OpenSSLCredentialAuthority: CredentialAuthority {
    private let authorities: CertificateAuthorityVault
    private let keyAlgorithm: GatewayKeyAlgorithm
    private let validityYears: Int

    /// - Parameter issuingKeyInToken: the key in a PKCS#11 token that new issuing CAs get (`--ca-key`).
    public init(secrets: SharedSecrets, issuingKeyInToken: PrivateKey? = nil, keyAlgorithm: GatewayKeyAlgorithm = .ecP256, validityYears: Int = 2) {
        self.authorities = CertificateAuthorityVault(secrets: secrets, issuingKeyInToken: issuingKeyInToken)
        self.keyAlgorithm = keyAlgorithm
        self.validityYears = validityYears
    }

    public func issueCredentials(for gateway: Gateway, password: String) async throws -> IssuedCredentials {
        let (issuing, root) = try await authorities.chain(customerID: gateway.customerID)
        let key = try PrivateKey(generating: keyAlgorithm == .rsa2048 ? .rsa2048 : .ecP256)
        let certificate = try issuing.issueCertificate(
            commonName: gateway.thingName, subjectAlternativeNames: [.uri("urn:insight:gateway:\(gateway.thingName)")],
            publicKey: key.publicKey, validityYears: validityYears
        )
        let bundle = PKCS12(privateKey: key, certificate: certificate, chain: [issuing.certificate, root.certificate])
        return IssuedCredentials(
            pkcs12: try bundle.derRepresentation(password: password, friendlyName: gateway.thingName),
            serial: certificate.serialNumber, commonName: gateway.thingName, notAfter: Timestamp(certificate.notAfter)
        )
    }

    public func chainPEM(customerID: String) async throws -> String {
        let (issuing, root) = try await authorities.chain(customerID: customerID)
        return try issuing.certificate.pemRepresentation() + root.certificate.pemRepresentation()
    }

    public func publishRevocationList(customerID: String, revoked: @escaping @Sendable () async throws -> [CertificateRecord]) async throws -> String {
        let now = Date()
        return try await authorities.publishRevocationList(
            customerID: customerID,
            revoked: { try await revoked().map { RevokedCertificate(serialNumber: $0.serial, revocationDate: ($0.revokedAt ?? Timestamp(now)).date) } }, now: now
        )
    }
}
