import CFastPBKDF2
import COpenSSL
import Foundation
@testable import InsightPackaging
import InsightTestSupport
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

    /// 7-Zip checks the authentication code: a flipped bit in the ciphertext or in the code
    /// itself must not extract. (libzip's reader checks it only when inflate asks for more
    /// data than the stream holds, so it is not the judge here.)
    @Test(arguments: [TamperedPart.ciphertext, .authenticationCode])
    func aTamperedEntryIsRejected(part: TamperedPart) throws {
        let data = Data(String(repeating: "secret wifi password\n", count: 50).utf8)
        var writer = ZipArchiveWriter()
        try writer.addEntry(named: "network.json", data: data, password: "packagepw")
        var archive = try writer.archiveData()
        // Local header (30 bytes + name + 11-byte AES extra field): salt, verifier, ciphertext, code.
        let dataStart = 30 + "network.json".utf8.count + 11
        let storedSize = Int(try ZipArchiveReader(data: archive).entries[0].compressedSize)
        let ciphertextStart = dataStart + WinZipAES256.saltLength + WinZipAES256.verifierLength
        let codeStart = dataStart + storedSize - WinZipAES256.authenticationCodeLength
        try withTemporaryDirectory { directory in
            try archive.write(to: directory.appendingPathComponent("intact.zip"))
            #expect(try sevenZip(in: directory, "t", "-ppackagepw", "intact.zip").status == 0)
            archive[part == .ciphertext ? ciphertextStart + 3 : codeStart + 4] ^= 0x01
            try archive.write(to: directory.appendingPathComponent("tampered.zip"))
            #expect(try sevenZip(in: directory, "t", "-ppackagepw", "tampered.zip").status != 0)
        }
    }

    enum TamperedPart: Sendable { case ciphertext, authenticationCode }
}
