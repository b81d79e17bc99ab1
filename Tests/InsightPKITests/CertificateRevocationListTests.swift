import Foundation
import InsightPKI
import InsightTestSupport
import Testing

@Suite struct CertificateRevocationListTests {
    @Test func opensslListsTheRevokedSerialAndRejectsTheRevokedCertificate() throws {
        let hierarchy = try TestHierarchy()
        let revoked = try hierarchy.issueLeaf(commonName: "revoked").certificate
        let good = try hierarchy.issueLeaf(commonName: "good").certificate
        let now = Date()
        let crl = try CertificateRevocationList(
            issuer: hierarchy.issuing,
            revoked: [RevokedCertificate(serialNumber: revoked.serialNumber, revocationDate: now)],
            number: 7,
            lastUpdate: now,
            nextUpdate: now.addingTimeInterval(7 * 86_400)
        )
        try withTemporaryDirectory { directory in
            try hierarchy.writeCAs(to: directory)
            try write(revoked.pemRepresentation(), to: directory, "revoked.pem")
            try write(good.pemRepresentation(), to: directory, "good.pem")
            try write(crl.pemRepresentation(), to: directory, "crl.pem")

            let text = try openssl(in: directory, "crl", "-in", "crl.pem", "-noout", "-text").stdoutText
            #expect(text.contains("Version 2 (0x1)"))
            #expect(text.contains("Serial Number: \(revoked.serialNumber)"))
            #expect(text.contains("X509v3 CRL Number: \n                7"))
            #expect(text.contains("Issuer: CN = Insight Test Issuing CA"))
            #expect(try openssl(in: directory, "crl", "-in", "crl.pem", "-noout", "-CAfile", "issuing.pem").stderrText.contains("verify OK"))

            func verify(_ file: String) throws -> ToolResult {
                try openssl(in: directory, "verify", "-crl_check", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "-CRLfile", "crl.pem", file)
            }
            let rejected = try verify("revoked.pem")
            #expect(rejected.status != 0)
            #expect((rejected.stdoutText + rejected.stderrText).contains("certificate revoked"))
            #expect(try verify("good.pem").status == 0)
        }
    }

    @Test func derMatchesPEM() throws {
        let hierarchy = try TestHierarchy()
        let crl = try CertificateRevocationList(issuer: hierarchy.issuing, revoked: [], number: 1, nextUpdate: Date().addingTimeInterval(86_400))
        try withTemporaryDirectory { directory in
            try write(crl.derRepresentation(), to: directory, "crl.der")
            let pem = try openssl(in: directory, "crl", "-inform", "DER", "-in", "crl.der").stdoutText
            #expect(try pem == crl.pemRepresentation())
        }
    }

    @Test func rejectsBadInput() throws {
        let issuer = try TestHierarchy().issuing
        let tomorrow = Date().addingTimeInterval(86_400)
        #expect(throws: PKIError.self) {
            try CertificateRevocationList(issuer: issuer, revoked: [.init(serialNumber: "XYZ", revocationDate: Date())], number: 1, nextUpdate: tomorrow)
        }
        #expect(throws: PKIError.self) { try CertificateRevocationList(issuer: issuer, revoked: [], number: -1, nextUpdate: tomorrow) }
        #expect(throws: PKIError.self) {
            try CertificateRevocationList(issuer: issuer, revoked: [], number: 1, lastUpdate: tomorrow, nextUpdate: Date())
        }
    }
}
