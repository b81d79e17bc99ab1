import COpenSSL
import CPKCS11Key
import Foundation

/// A private key (EC P-256 or RSA 2048) owned by this object and freed with it, in memory or
/// kept in a PKCS#11 token (`init(pkcs11URI:pin:modulePath:)`), where it signs without ever
/// leaving the token. Immutable after creation, so it is safe to share across tasks.
public final class PrivateKey: @unchecked Sendable {
    /// The owned `EVP_PKEY`.
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Generates a fresh key of `algorithm` (EC P-256 unless told otherwise).
    /// Throws `PKIError.openSSL` if OpenSSL cannot generate it.
    public convenience init(generating algorithm: KeyAlgorithm = .ecP256) throws {
        let key: OpaquePointer? = switch algorithm {
        case .ecP256: shim_EVP_EC_gen("P-256")
        case .rsa2048: shim_EVP_RSA_gen(2048)
        }
        guard let key else { throw PKIError.openSSL("generate a \(algorithm) key") }
        self.init(taking: key)
    }

    /// Reads a PEM private key (PKCS#8, encrypted PKCS#8 or a traditional format).
    /// An encrypted key needs its `passphrase`; without one, decoding fails instead of prompting.
    /// Throws `PKIError.invalidEncoding` if the PEM is malformed or the passphrase is wrong.
    public convenience init(pemRepresentation: String, passphrase: String? = nil) throws {
        let key = MemoryBIO.input(Data(pemRepresentation.utf8)) { bio in
            withPassphrase(passphrase) { PEM_read_bio_PrivateKey(bio, nil, passphraseCallback, $0) }
        }
        guard let key else { throw PKIError.invalidEncoding("PEM private key") }
        self.init(taking: key)
    }

    /// The private key the PKCS#11 URI `uri` (RFC 7512, `pkcs11:token=…;object=…;type=private`)
    /// names, in the token of the PKCS#11 module at `modulePath` (nil: p11-kit's proxy), logged
    /// in with `pin`. It signs certificates and CRLs in the token; its PEM cannot be written.
    ///
    /// - Throws: `PKIError.openSSL` saying why the engine, the module, the PIN or the key failed
    ///   (a wrong PIN reads `PIN incorrect`; a missing token or key `object not found`).
    public convenience init(pkcs11URI uri: String, pin: String?, modulePath: String?) throws {
        var message = [CChar](repeating: 0, count: 512)
        guard let key = insight_pkcs11_load_private_key(uri, pin, modulePath, &message, message.count) else {
            throw PKIError.openSSL("load the PKCS#11 key \(Self.withoutPIN(uri)): \(String(cString: message))")
        }
        self.init(taking: key)
    }

    /// `uri` without a `pin-value` query attribute, for messages.
    static func withoutPIN(_ uri: String) -> String {
        guard let query = uri.firstIndex(of: "?") else { return uri }
        let attributes = uri[uri.index(after: query)...].split(separator: "&").filter { !$0.hasPrefix("pin-value=") }
        return String(uri[..<query]) + (attributes.isEmpty ? "" : "?" + attributes.joined(separator: "&"))
    }

    /// The key's algorithm, or nil for a key type InsightPKI does not generate.
    public var algorithm: KeyAlgorithm? {
        KeyAlgorithm(of: pointer)
    }

    /// The public half of this key.
    public var publicKey: PublicKey {
        get throws { try PublicKey(of: pointer) }
    }

    /// PEM "PRIVATE KEY" (PKCS#8), or "ENCRYPTED PRIVATE KEY" (PKCS#8, AES-256-CBC) when a
    /// `passphrase` is given. Throws `PKIError.openSSL` if encoding fails.
    public func pemRepresentation(passphrase: String? = nil) throws -> String {
        let pem = try MemoryBIO.output("write a PEM private key") { bio in
            guard let passphrase else {
                return PEM_write_bio_PKCS8PrivateKey(bio, pointer, nil, nil, 0, nil, nil)
            }
            return PEM_write_bio_PKCS8PrivateKey(
                bio, pointer, EVP_aes_256_cbc(), passphrase, Int32(passphrase.utf8.count), nil, nil)
        }
        return String(decoding: pem, as: UTF8.self)
    }
}

/// Calls `body` with `passphrase` as a C string for `passphraseCallback`, or nil without one.
private func withPassphrase<T>(_ passphrase: String?, _ body: (UnsafeMutableRawPointer?) -> T) -> T {
    guard let passphrase else { return body(nil) }
    var bytes = Array(passphrase.utf8CString)
    return bytes.withUnsafeMutableBytes { body($0.baseAddress) }
}

/// OpenSSL passphrase callback: copies the C string in `userData` into `buffer`, or returns -1
/// (abort) when there is none, so OpenSSL never prompts on a terminal.
private func passphraseCallback(
    _ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int32, _ writing: Int32, _ userData: UnsafeMutableRawPointer?
) -> Int32 {
    guard let buffer, let userData else { return -1 }
    let passphrase = userData.assumingMemoryBound(to: CChar.self)
    let length = min(Int32(strlen(passphrase)), capacity)
    buffer.update(from: passphrase, count: Int(length))
    return length
}
