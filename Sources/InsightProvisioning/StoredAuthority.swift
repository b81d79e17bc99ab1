import Foundation
import InsightPKI

/// A CA as the shared state keeps it (sealed): its certificate and private key, PEM.
struct StoredAuthority: Codable {
    var certificate: String
    var privateKey: String

    enum CodingKeys: String, CodingKey {
        case certificate
        case privateKey = "private_key"
    }

    init(certificate: String, privateKey: String) {
        self.certificate = certificate
        self.privateKey = privateKey
    }

    init(_ authority: CertificateAuthority) throws {
        self.init(certificate: try authority.certificate.pemRepresentation(), privateKey: try authority.privateKey.pemRepresentation())
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

    func authority() throws -> CertificateAuthority {
        try CertificateAuthority(certificate: Certificate(pemRepresentation: certificate), privateKey: PrivateKey(pemRepresentation: privateKey))
    }
}
