import Foundation
import InsightPKI
import InsightTestSupport
import Testing

@Suite struct PrivateKeyTests {
    @Test(arguments: [KeyAlgorithm.ecP256, .rsa2048])
    func generatesAndRoundTripsPEM(algorithm: KeyAlgorithm) throws {
        let key = try PrivateKey(generating: algorithm)
        #expect(key.algorithm == algorithm)
        let pem = try key.pemRepresentation()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reread = try PrivateKey(pemRepresentation: pem)
        #expect(try reread.pemRepresentation() == pem)
        #expect(try reread.publicKey.pemRepresentation() == key.publicKey.pemRepresentation())
    }

    @Test func defaultsToP256() throws {
        #expect(try PrivateKey().algorithm == .ecP256)
    }

    @Test func encryptsWithAES256AndReadsBackWithThePassphrase() throws {
        let key = try PrivateKey()
        let pem = try key.pemRepresentation(passphrase: "s3cret pass")
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        #expect(try PrivateKey(pemRepresentation: pem, passphrase: "s3cret pass").pemRepresentation() == key.pemRepresentation())

        try withTemporaryDirectory { directory in
            try write(pem, to: directory, "key.pem")
            let parsed = try openssl(in: directory, "asn1parse", "-in", "key.pem")
            #expect(parsed.stdoutText.contains("aes-256-cbc"))
            #expect(try openssl(in: directory, "pkey", "-in", "key.pem", "-passin", "pass:s3cret pass", "-noout").status == 0)
        }
    }

    @Test func rejectsAWrongOrMissingPassphraseWithoutPrompting() throws {
        let pem = try PrivateKey().pemRepresentation(passphrase: "right")
        #expect(throws: PKIError.self) { try PrivateKey(pemRepresentation: pem, passphrase: "wrong") }
        #expect(throws: PKIError.self) { try PrivateKey(pemRepresentation: pem) }
    }

    @Test func reportsOpenSSLsReasonForGarbage() throws {
        let error = #expect(throws: PKIError.self) { try PrivateKey(pemRepresentation: "not a key") }
        guard case let .invalidEncoding(format, queue) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(format == "PEM private key")
        #expect(!queue.isEmpty)
    }
}
