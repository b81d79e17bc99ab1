import COpenSSL
import Foundation

/// A PKCS#12 bundle: a private key, its certificate and the CA chain above it.
/// Encoded with the key shrouded in AES-256-CBC (PBES2) and a SHA-256 MAC, 2048 iterations each,
/// as OpenSSL 3 and current Windows, macOS and Java read. The certificates are public and stay
/// unencrypted (inside the MAC), which saves one key derivation per bundle.
public struct PKCS12: Sendable {
    /// The private key belonging to `certificate`.
    public let privateKey: PrivateKey
    /// The end-entity certificate.
    public let certificate: Certificate
    /// The CA certificates above `certificate`, issuer first.
    public let chain: [Certificate]

    /// Bundles `privateKey` with its `certificate` and the CA `chain` (issuer first).
    public init(privateKey: PrivateKey, certificate: Certificate, chain: [Certificate] = []) {
        self.privateKey = privateKey
        self.certificate = certificate
        self.chain = chain
    }

    /// Decodes DER PKCS#12 bytes protected by `password`.
    /// Throws `PKIError.invalidEncoding` if `der` is not PKCS#12 or lacks a key or certificate,
    /// `PKIError.wrongPassword` if the MAC does not verify with `password`.
    public init(derRepresentation der: Data, password: String) throws {
        guard let p12 = MemoryBIO.input(der, { d2i_PKCS12_bio($0, nil) }) else { throw PKIError.invalidEncoding("DER PKCS#12") }
        defer { PKCS12_free(p12) }
        guard PKCS12_verify_mac(p12, password, Int32(password.utf8.count)) == 1 else {
            _ = PKIError.drainErrorQueue()
            throw PKIError.wrongPassword
        }
        var key: OpaquePointer?
        var x509: OpaquePointer?
        var stack: OpaquePointer?
        let parsed = PKCS12_parse(p12, password, &key, &x509, &stack)
        let parsedKey = key.map(PrivateKey.init(taking:))
        defer {
            X509_free(x509)
            shim_sk_X509_pop_free(stack)
        }
        guard parsed == 1, let parsedKey, let x509 else { throw PKIError.invalidEncoding("PKCS#12 contents (a key and a certificate)") }
        privateKey = parsedKey
        certificate = try Certificate(retaining: x509)
        // A bundle without CA certificates may have no stack at all, whose count is then -1.
        chain = try (0..<max(0, shim_sk_X509_num(stack))).map { index in
            guard let member = shim_sk_X509_value(stack, index) else { throw PKIError.invalidEncoding("PKCS#12 CA chain") }
            return try Certificate(retaining: member)
        }
    }

    /// Encodes the bundle as DER PKCS#12 protected by `password`, with `friendlyName` as the
    /// key and certificate label if given. Throws `PKIError.openSSL` if OpenSSL fails, for
    /// instance when the key does not match the certificate.
    public func derRepresentation(password: String, friendlyName: String? = nil) throws -> Data {
        guard let stack = shim_sk_X509_new_null() else { throw PKIError.openSSL("allocate a certificate stack") }
        defer { shim_sk_X509_free(stack) }
        for member in chain {
            guard shim_sk_X509_push(stack, member.pointer) > 0 else { throw PKIError.openSSL("build the PKCS#12 chain") }
        }
        let iterations = Int32(PKCS12_DEFAULT_ITER)
        guard let p12 = PKCS12_create(
            password, friendlyName, privateKey.pointer, certificate.pointer, stack,
            NID_aes_256_cbc, -1, iterations, iterations, 0
        ) else { throw PKIError.openSSL("create PKCS#12") }
        defer { PKCS12_free(p12) }
        return try MemoryBIO.output("encode PKCS#12") { i2d_PKCS12_bio($0, p12) }
    }
}
