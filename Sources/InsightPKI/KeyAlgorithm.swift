import COpenSSL

/// The key types InsightPKI generates and signs with.
public enum KeyAlgorithm: Sendable, Equatable {
    /// ECDSA over NIST P-256 (prime256v1).
    case ecP256
    /// RSA with a 2048-bit modulus.
    case rsa2048

    /// The algorithm of the `EVP_PKEY` at `key`; nil for any other type, curve or size.
    init?(of key: OpaquePointer) {
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_EC where Self.curveName(of: key) == "prime256v1": self = .ecP256
        case EVP_PKEY_RSA where EVP_PKEY_get_bits(key) == 2048: self = .rsa2048
        default: return nil
        }
    }

    /// The OpenSSL group name of an EC key, such as "prime256v1"; nil if it has none.
    private static func curveName(of key: OpaquePointer) -> String? {
        var name = [CChar](repeating: 0, count: 64)
        guard EVP_PKEY_get_group_name(key, &name, name.count, nil) == 1 else { return nil }
        return String(nulTerminated: name)
    }
}
