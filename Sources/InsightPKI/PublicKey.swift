import COpenSSL
import Foundation

/// A public key (the SubjectPublicKeyInfo of an EC or RSA key), owned by this object and freed
/// with it. Immutable after creation, so it is safe to share across tasks.
public final class PublicKey: @unchecked Sendable {
    /// The owned `EVP_PKEY`, holding no private material.
    let pointer: OpaquePointer

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Copies only the public half of `key` (which may be a private key).
    /// Throws `PKIError.openSSL` if the key cannot be re-encoded.
    init(of key: OpaquePointer) throws {
        let der = try MemoryBIO.output("encode a public key") { i2d_PUBKEY_bio($0, key) }
        guard let copy = MemoryBIO.input(der, { d2i_PUBKEY_bio($0, nil) }) else {
            throw PKIError.openSSL("decode a public key")
        }
        pointer = copy
    }

    /// Reads a PEM "PUBLIC KEY" (SubjectPublicKeyInfo).
    /// Throws `PKIError.invalidEncoding` if it is malformed.
    public init(pemRepresentation: String) throws {
        guard let key = MemoryBIO.input(Data(pemRepresentation.utf8), { PEM_read_bio_PUBKEY($0, nil, nil, nil) }) else {
            throw PKIError.invalidEncoding("PEM public key")
        }
        pointer = key
    }

    /// The key's algorithm, or nil for a key type InsightPKI does not generate.
    public var algorithm: KeyAlgorithm? {
        KeyAlgorithm(of: pointer)
    }

    /// The key as PEM "PUBLIC KEY". Throws `PKIError.openSSL` if encoding fails.
    public func pemRepresentation() throws -> String {
        let pem = try MemoryBIO.output("write a PEM public key") { PEM_write_bio_PUBKEY($0, pointer) }
        return String(decoding: pem, as: UTF8.self)
    }

    /// The DER SubjectPublicKeyInfo. Throws `PKIError.openSSL` if encoding fails.
    public func derRepresentation() throws -> Data {
        try MemoryBIO.output("encode a public key") { i2d_PUBKEY_bio($0, pointer) }
    }
}
