import Foundation
import InsightPKI
import InsightTestSupport
import Testing

@Suite struct PKCS12Tests {
    @Test(arguments: [KeyAlgorithm.ecP256, .rsa2048])
    func opensslReadsItWithTheRightPasswordOnly(algorithm: KeyAlgorithm) throws {
        let hierarchy = try TestHierarchy()
        let leaf = try hierarchy.issueLeaf(algorithm: algorithm)
        let bundle = PKCS12(privateKey: leaf.key, certificate: leaf.certificate, chain: [hierarchy.issuing.certificate, hierarchy.root.certificate])
        let der = try bundle.derRepresentation(password: "token-123", friendlyName: "gateway-1")
        try withTemporaryDirectory { directory in
            try write(der, to: directory, "bundle.p12")
            let right = try openssl(in: directory, "pkcs12", "-in", "bundle.p12", "-passin", "pass:token-123", "-nodes")
            #expect(right.status == 0, "\(right.stderrText)")
            #expect(right.stdoutText.components(separatedBy: "-----BEGIN CERTIFICATE-----").count == 4)
            #expect(right.stdoutText.contains("-----BEGIN PRIVATE KEY-----"))
            #expect(right.stdoutText.contains("friendlyName: gateway-1"))

            let info = try openssl(in: directory, "pkcs12", "-in", "bundle.p12", "-passin", "pass:token-123", "-info", "-noout")
            #expect(info.stderrText.contains("MAC: sha256"))
            #expect(info.stderrText.contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC"))
            #expect(!info.stderrText.contains("RC2"))

            let wrong = try openssl(in: directory, "pkcs12", "-in", "bundle.p12", "-passin", "pass:wrong", "-nodes")
            #expect(wrong.status != 0)
        }
    }

    @Test func parsesBackKeyCertificateAndChain() throws {
        let hierarchy = try TestHierarchy()
        let leaf = try hierarchy.issueLeaf()
        let chain = [hierarchy.issuing.certificate, hierarchy.root.certificate]
        let der = try PKCS12(privateKey: leaf.key, certificate: leaf.certificate, chain: chain).derRepresentation(password: "pw")

        let parsed = try PKCS12(derRepresentation: der, password: "pw")
        #expect(try parsed.privateKey.pemRepresentation() == leaf.key.pemRepresentation())
        #expect(parsed.certificate == leaf.certificate)
        #expect(parsed.chain == chain)
        #expect(throws: PKIError.wrongPassword) { try PKCS12(derRepresentation: der, password: "nope") }
        #expect(throws: PKIError.self) { try PKCS12(derRepresentation: Data("junk".utf8), password: "pw") }
    }

    @Test func roundTripsABundleWithoutAChain() throws {
        let leaf = try TestHierarchy().issueLeaf()
        let der = try PKCS12(privateKey: leaf.key, certificate: leaf.certificate).derRepresentation(password: "")
        let parsed = try PKCS12(derRepresentation: der, password: "")
        #expect(parsed.certificate == leaf.certificate)
        #expect(parsed.chain.isEmpty)
    }

    @Test func refusesAKeyThatDoesNotMatchTheCertificate() throws {
        let leaf = try TestHierarchy().issueLeaf()
        #expect(throws: PKIError.self) {
            try PKCS12(privateKey: PrivateKey(), certificate: leaf.certificate).derRepresentation(password: "pw")
        }
    }
}
