import Foundation
import InsightPKI
import InsightTestSupport
import Testing

@Suite struct CertificateAuthorityTests {
    @Test(arguments: [KeyAlgorithm.ecP256, .rsa2048])
    func issuedCertificateVerifiesAgainstTheChain(algorithm: KeyAlgorithm) throws {
        let hierarchy = try TestHierarchy(algorithm: algorithm)
        let leaf = try hierarchy.issueLeaf(algorithm: algorithm, names: [.dnsName("gw.example.com")])
        try withTemporaryDirectory { directory in
            try hierarchy.writeCAs(to: directory)
            try write(leaf.certificate.pemRepresentation(), to: directory, "leaf.pem")
            let result = try openssl(
                in: directory, "verify", "-purpose", "sslclient", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "leaf.pem")
            #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
            #expect(result.stdoutText == "leaf.pem: OK\n")
        }
    }

    @Test(arguments: [KeyAlgorithm.ecP256, .rsa2048])
    func endEntityHasTheProfileSANAndSerial(algorithm: KeyAlgorithm) throws {
        let hierarchy = try TestHierarchy(algorithm: algorithm)
        let uuid = UUID().uuidString.lowercased()
        let leaf = try hierarchy.issueLeaf(
            algorithm: algorithm, commonName: "Gateway Ω 7", names: [.dnsName("gw-7.example.com"), .uri("urn:insight:gateway:\(uuid)")])
        try withTemporaryDirectory { directory in
            try write(leaf.certificate.pemRepresentation(), to: directory, "leaf.pem")
            let text = try openssl(in: directory, "x509", "-in", "leaf.pem", "-noout", "-text", "-nameopt", "utf8").stdoutText
            #expect(text.contains("DNS:gw-7.example.com, URI:urn:insight:gateway:\(uuid)"))
            #expect(text.contains("Subject: CN=Gateway Ω 7\n"))
            #expect(text.contains("CA:FALSE"))
            #expect(text.contains("TLS Web Client Authentication"))
            #expect(text.contains("X509v3 Subject Key Identifier"))
            #expect(text.contains("X509v3 Authority Key Identifier"))
            #expect(text.contains("Signature Algorithm: \(algorithm == .rsa2048 ? "sha256WithRSAEncryption" : "ecdsa-with-SHA256")"))
            let usage = algorithm == .rsa2048 ? "Digital Signature, Key Encipherment" : "Digital Signature\n"
            #expect(text.contains(usage))

            let serial = try openssl(in: directory, "x509", "-in", "leaf.pem", "-noout", "-serial").stdoutText
            #expect(serial == "serial=\(leaf.certificate.serialNumber)\n")
        }
    }

    @Test func caCertificatesCarryTheCAProfile() throws {
        let hierarchy = try TestHierarchy()
        try withTemporaryDirectory { directory in
            try hierarchy.writeCAs(to: directory)
            let root = try openssl(in: directory, "x509", "-in", "root.pem", "-noout", "-text").stdoutText
            #expect(root.contains("X509v3 Basic Constraints: critical\n                CA:TRUE\n"))
            #expect(root.contains("Certificate Sign, CRL Sign"))
            #expect(root.contains("X509v3 Subject Key Identifier"))
            let issuing = try openssl(in: directory, "x509", "-in", "issuing.pem", "-noout", "-text").stdoutText
            #expect(issuing.contains("CA:TRUE, pathlen:0"))
            #expect(issuing.contains("Issuer: CN = Insight Test Root"))
        }
        #expect(hierarchy.root.certificate.subjectCommonName == "Insight Test Root")
        #expect(hierarchy.issuing.certificate.issuerCommonName == "Insight Test Root")
    }

    @Test func serialsAreUniquePositiveAnd126Bits() throws {
        let hierarchy = try TestHierarchy()
        let key = try PrivateKey().publicKey
        let serials = try (0..<100).map { index in
            try hierarchy.issuing.issueCertificate(commonName: "gw-\(index)", subjectAlternativeNames: [], publicKey: key).serialNumber
        }
        #expect(Set(serials).count == 100)
        #expect(serials.allSatisfy { $0.count == 32 && "4567".contains($0.first ?? "x") })
    }

    @Test func validityDefaultsToTwoYears() throws {
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        let leaf = try TestHierarchy().issuing.issueCertificate(
            commonName: "gw", subjectAlternativeNames: [], publicKey: PrivateKey().publicKey, notBefore: start)
        #expect(leaf.notBefore == start)
        let twoYears = Calendar(identifier: .gregorian).date(byAdding: .year, value: 2, to: start)
        #expect(leaf.notAfter == twoYears)
    }

    @Test func rejectsBadArguments() throws {
        let hierarchy = try TestHierarchy()
        let key = try PrivateKey().publicKey
        #expect(throws: PKIError.invalidArgument(reason: "common name is empty")) {
            try hierarchy.issuing.issueCertificate(commonName: "", subjectAlternativeNames: [], publicKey: key)
        }
        #expect(throws: PKIError.self) {
            try hierarchy.issuing.issueCertificate(commonName: "gw", subjectAlternativeNames: [.dnsName("a b")], publicKey: key)
        }
        #expect(throws: PKIError.self) {
            try hierarchy.issuing.issueCertificate(commonName: "gw", subjectAlternativeNames: [], publicKey: key, validityYears: 0)
        }
        #expect(throws: PKIError.self) {
            try CertificateAuthority(certificate: hierarchy.root.certificate, privateKey: hierarchy.issuing.privateKey)
        }
    }
}
