import CFastPBKDF2
import COpenSSL
import Foundation

/// WinZip AES-256 encryption of one zip entry (https://www.winzip.com/en/support/aes-encryption/),
/// what 7-Zip, Windows Explorer and libzip decrypt.
///
/// Each entry gets a fresh random salt; PBKDF2-HMAC-SHA1 (1000 iterations) derives from password
/// and salt the AES key, the HMAC key and a 2-byte password verifier. The data is encrypted with
/// AES-256 in counter mode (little-endian counter from 1) and authenticated with the first
/// 10 bytes of HMAC-SHA1 over the ciphertext. Derivation runs on `insight_pbkdf2_hmac_sha1`,
/// which makes the per-entry cost that WinZip AES imposes about five times smaller than libzip's.
enum WinZipAES256 {
    static let saltLength = 16
    static let keyLength = 32
    static let verifierLength = 2
    static let authenticationCodeLength = 10
    static let iterations: UInt32 = 1000

    /// The stored form of `plaintext` (already compressed): salt, password verifier, ciphertext,
    /// authentication code. Throws `ZipError.encryption` if a step fails. The password's bytes,
    /// the derived keys and the key stream are wiped before it returns.
    static func encrypt(_ plaintext: Data, password: String) throws -> Data {
        var salt = [UInt8](repeating: 0, count: saltLength)
        guard RAND_bytes(&salt, Int32(saltLength)) == 1 else { throw ZipError.encryption("draw a random salt") }
        var passwordBytes = Array(password.utf8)
        defer { wipe(&passwordBytes) }
        var keys = [UInt8](repeating: 0, count: 2 * keyLength + verifierLength)
        defer { wipe(&keys) }
        return try keys.withUnsafeMutableBufferPointer { keys in
            guard insight_pbkdf2_hmac_sha1(passwordBytes, passwordBytes.count, salt, salt.count, iterations, keys.baseAddress, keys.count) == 1 else {
                throw ZipError.encryption("derive the keys")
            }
            let ciphertext = try counterModeEncrypt(plaintext, key: UnsafeBufferPointer(rebasing: keys[0..<keyLength]))
            let code = try authenticationCode(ciphertext, key: UnsafeBufferPointer(rebasing: keys[keyLength..<(2 * keyLength)]))
            var stored = Data(capacity: saltLength + verifierLength + ciphertext.count + authenticationCodeLength)
            stored.append(contentsOf: salt)
            stored.append(contentsOf: keys[(2 * keyLength)...])
            stored.append(ciphertext)
            stored.append(contentsOf: code)
            return stored
        }
    }

    /// AES-256-CTR as WinZip defines it: the counter block is a 128-bit little-endian integer
    /// starting at 1, which OpenSSL's big-endian CTR mode cannot produce; so the counter blocks
    /// are laid out and encrypted in one ECB pass, and the key stream is XORed in.
    private static func counterModeEncrypt(_ plaintext: Data, key: UnsafeBufferPointer<UInt8>) throws -> Data {
        let blockCount = (plaintext.count + 15) / 16
        var stream = [UInt8](repeating: 0, count: blockCount * 16)
        defer { wipe(&stream) }
        for block in 0..<blockCount {
            var counter = UInt64(block + 1)
            for byte in 0..<8 {
                stream[block * 16 + byte] = UInt8(truncatingIfNeeded: counter)
                counter >>= 8
            }
        }
        guard let context = EVP_CIPHER_CTX_new() else { throw ZipError.encryption("create a cipher context") }
        defer { EVP_CIPHER_CTX_free(context) }
        var written: Int32 = 0
        guard EVP_EncryptInit_ex(context, EVP_aes_256_ecb(), nil, key.baseAddress, nil) == 1,
              EVP_CIPHER_CTX_set_padding(context, 0) == 1,
              EVP_EncryptUpdate(context, &stream, &written, stream, Int32(stream.count)) == 1,
              written == Int32(stream.count)
        else { throw ZipError.encryption("encrypt with AES-256") }
        var ciphertext = plaintext
        ciphertext.withUnsafeMutableBytes { bytes in
            for index in bytes.indices { bytes[index] ^= stream[index] }
        }
        return ciphertext
    }

    private static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
    }

    private static func authenticationCode(_ ciphertext: Data, key: UnsafeBufferPointer<UInt8>) throws -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = ciphertext.withUnsafeBytes { bytes in
            HMAC(EVP_sha1(), key.baseAddress, Int32(key.count), bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, &digest, &length)
        }
        guard result != nil, length >= authenticationCodeLength else { throw ZipError.encryption("authenticate with HMAC-SHA1") }
        return Array(digest.prefix(authenticationCodeLength))
    }
}
