import CFastPBKDF2
import COpenSSL
import Foundation
@testable import InsightPackaging
import Testing

@Suite struct WinZipAES256Tests {
    /// The fast kernel must derive exactly what OpenSSL's PBKDF2 derives, for passwords shorter
    /// and longer than a SHA-1 block, for every output length a WinZip key size needs and beyond.
    @Test(arguments: [
        (password: "", iterations: UInt32(1), length: 20),
        (password: "packagepw", iterations: UInt32(1000), length: 66),
        (password: "pässwörd ;,\":\\ 東京", iterations: UInt32(2), length: 41),
        (password: String(repeating: "x", count: 64), iterations: UInt32(1000), length: 66),
        (password: String(repeating: "long password ", count: 20), iterations: UInt32(17), length: 100),
    ])
    func fastPBKDF2DerivesWhatOpenSSLDerives(password: String, iterations: UInt32, length: Int) {
        let passwordBytes = Array(password.utf8)
        let salt = (0..<16).map { UInt8($0 * 13 + 5) }
        var fast = [UInt8](repeating: 0, count: length)
        var portable = [UInt8](repeating: 0, count: length)
        var reference = [UInt8](repeating: 0, count: length)
        #expect(insight_pbkdf2_hmac_sha1(passwordBytes, passwordBytes.count, salt, salt.count, iterations, &fast, length) == 1)
        #expect(insight_pbkdf2_hmac_sha1_portable(passwordBytes, passwordBytes.count, salt, salt.count, iterations, &portable, length) == 1)
        let status = passwordBytes.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) {
                PKCS5_PBKDF2_HMAC_SHA1($0.baseAddress, Int32($0.count), salt, Int32(salt.count), Int32(iterations), Int32(length), &reference)
            }
        }
        #expect(status == 1)
        #expect(fast == reference, "SHA extensions used: \(insight_pbkdf2_has_sha_extensions())")
        #expect(portable == reference)
    }

    @Test func zeroIterationsAreRefused() {
        var output = [UInt8](repeating: 0, count: 20)
        #expect(insight_pbkdf2_hmac_sha1([1], 1, [2], 1, 0, &output, output.count) == 0)
        #expect(insight_pbkdf2_hmac_sha1_portable([1], 1, [2], 1, 0, &output, output.count) == 0)
    }

    /// A salt used twice would reuse the AES key stream: every encryption draws its own.
    @Test func everyEncryptionHasItsOwnSaltAndKeyStream() throws {
        let plaintext = Data(repeating: 0x41, count: 100)
        let first = try WinZipAES256.encrypt(plaintext, password: "packagepw")
        let second = try WinZipAES256.encrypt(plaintext, password: "packagepw")
        let overhead = WinZipAES256.saltLength + WinZipAES256.verifierLength + WinZipAES256.authenticationCodeLength
        #expect(first.count == plaintext.count + overhead)
        #expect(first.prefix(WinZipAES256.saltLength) != second.prefix(WinZipAES256.saltLength))
        #expect(first.dropFirst(WinZipAES256.saltLength + WinZipAES256.verifierLength).prefix(plaintext.count)
            != second.dropFirst(WinZipAES256.saltLength + WinZipAES256.verifierLength).prefix(plaintext.count))
    }

    /// libzip and 7-Zip check the HMAC: a flipped ciphertext bit must not extract.
    @Test func aTamperedEntryIsRejected() throws {
        let data = Data(String(repeating: "secret wifi password\n", count: 50).utf8)
        var writer = ZipArchiveWriter()
        try writer.addEntry(named: "network.json", data: data, password: "packagepw")
        var archive = try writer.archiveData()
        #expect(try ZipArchiveReader(data: archive).data(forEntry: "network.json", password: "packagepw") == data)
        // Local header (30 bytes + name + 11-byte AES extra field), then salt and verifier: the ciphertext follows.
        let ciphertextStart = 30 + "network.json".utf8.count + 11 + WinZipAES256.saltLength + WinZipAES256.verifierLength
        archive[ciphertextStart + 3] ^= 0x01
        #expect(throws: ZipError.self) { try ZipArchiveReader(data: archive).data(forEntry: "network.json", password: "packagepw") }
    }
}
