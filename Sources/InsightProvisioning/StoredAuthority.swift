import Foundation
import InsightPKI

/// A CA as the shared state keeps it (sealed): its certificate and private key, PEM, or for an
/// issuing CA whose key stays in a PKCS#11 token (`insight serve --ca-key`) the mark `keyInToken`.
struct StoredAuthority: Codable {
    var certificate: String
    var privateKey: String

    /// The `private_key` of a CA whose key is the token's.
    static let keyInToken = "pkcs11-token"

    enum CodingKeys: String, CodingKey {
        case certificate
        case privateKey = "private_key"
    }

    init(certificate: String, privateKey: String) {
        self.certificate = certificate
        self.privateKey = privateKey
    }

    /// `authority` with its key, or with the mark `keyInToken` when `keyIsInToken`.
    init(_ authority: CertificateAuthority, keyIsInToken: Bool = false) throws {
        self.init(
            certificate: try authority.certificate.pemRepresentation(),
            privateKey: keyIsInToken ? Self.keyInToken : try authority.privateKey.pemRepresentation()
        )
    }

    init(decoding data: Data) throws {
        self = try JSONDecoder().decode(Self.self, from: data)
    }

    /// The same bytes for the same CA every time (sorted keys), so that an import can tell a
    /// file that holds the database's CA from one that does not.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(self)
    }

    /// The CA, signing with `tokenKey` when its key is the token's.
    ///
    /// - Throws: `PKIError.invalidArgument` when the key is the token's and no `tokenKey` is given,
    ///   or `tokenKey` is not the certificate's key.
    func authority(named name: String, tokenKey: PrivateKey?) throws -> CertificateAuthority {
        let certificate = try Certificate(pemRepresentation: certificate)
        guard privateKey == Self.keyInToken else {
            return try CertificateAuthority(certificate: certificate, privateKey: PrivateKey(pemRepresentation: privateKey))
        }
        guard let tokenKey else {
            throw PKIError.invalidArgument(reason: "the key of \(name) stays in a PKCS#11 token: start insight with --ca-key naming it")
        }
        do {
            return try CertificateAuthority(certificate: certificate, privateKey: tokenKey)
        } catch {
            throw PKIError.invalidArgument(reason: "the key of \(name) is another token key than --ca-key names")
        }
    }
}
