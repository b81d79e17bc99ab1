import Foundation
import InsightPKI
import InsightTestSupport
import Testing

@Suite struct CertificateTests {
    @Test func roundTripsPEMAndDER() throws {
        let certificate = try TestHierarchy().issueLeaf().certificate
        let fromPEM = try Certificate(pemRepresentation: certificate.pemRepresentation())
        let fromDER = try Certificate(derRepresentation: certificate.derRepresentation())
        for copy in [fromPEM, fromDER] {
            #expect(copy == certificate)
            #expect(copy.subjectCommonName == "gateway-1")
            #expect(copy.serialNumber == certificate.serialNumber)
            #expect(copy.notBefore == certificate.notBefore)
            #expect(copy.notAfter == certificate.notAfter)
        }
    }

    @Test func fingerprintMatchesOpenSSL() throws {
        let certificate = try TestHierarchy().issueLeaf().certificate
        try withTemporaryDirectory { directory in
            try write(certificate.pemRepresentation(), to: directory, "leaf.pem")
            let output = try openssl(in: directory, "x509", "-in", "leaf.pem", "-noout", "-fingerprint", "-sha256").stdoutText
            let hex = certificate.sha256Fingerprint.map { String(format: "%02X", $0) }.joined(separator: ":")
            #expect(output.uppercased() == "SHA256 FINGERPRINT=\(hex)\n")
        }
    }

    @Test func datesMatchOpenSSL() throws {
        let certificate = try TestHierarchy().issueLeaf().certificate
        try withTemporaryDirectory { directory in
            try write(certificate.pemRepresentation(), to: directory, "leaf.pem")
            let output = try openssl(in: directory, "x509", "-in", "leaf.pem", "-noout", "-enddate", "-dateopt", "iso_8601").stdoutText
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate, .withSpaceBetweenDateAndTime, .withTime, .withColonSeparatorInTime]
            #expect(output == "notAfter=\(formatter.string(from: certificate.notAfter))Z\n")
        }
    }

    @Test func publicKeyMatchesTheIssuedKey() throws {
        let leaf = try TestHierarchy().issueLeaf()
        #expect(try leaf.certificate.publicKey.pemRepresentation() == leaf.key.publicKey.pemRepresentation())
        #expect(try PublicKey(pemRepresentation: leaf.key.publicKey.pemRepresentation()).algorithm == .ecP256)
    }

    @Test func rejectsMalformedInput() {
        #expect(throws: PKIError.self) { try Certificate(pemRepresentation: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n") }
        #expect(throws: PKIError.self) { try Certificate(derRepresentation: Data([0x30, 0x03, 0x02, 0x01])) }
        #expect(throws: PKIError.self) { try Certificate(derRepresentation: Data()) }
    }
}
