import Foundation
import InsightCore
import InsightPKI
import InsightProvisioning
import InsightTestSupport
import Testing

/// The broker's part of the database's PKI, judged by `openssl`.
struct BrokerPKITests {
    @Test func theServerCertificateNamesItsHostsAndChainsToTheRoot() async throws {
        try await withTemporaryDirectory { folder in
            try await withStore(.sqlite) { store, _ in
                let pki = BrokerPKI(secrets: try await SharedSecrets.open(store, dataDirectory: folder, masterKeyFile: TestMasterKey.file).secrets)
                let (certificate, _) = try await pki.serverCredentials(hosts: ["127.0.0.1", "gateways.example.com", "::1"])
                let root = folder.appendingPathComponent("root.pem"), server = folder.appendingPathComponent("server.pem")
                try Data(try await pki.rootCertificate().pemRepresentation().utf8).write(to: root)
                try Data(certificate.pemRepresentation().utf8).write(to: server)
                for (flag, name) in [("-verify_ip", "127.0.0.1"), ("-verify_hostname", "gateways.example.com"), ("-verify_ip", "::1")] {
                    try requireTool("openssl", ["verify", "-CAfile", root.path, "-purpose", "sslserver", flag, name, server.path])
                }
                let wrongName = try runTool("openssl", ["verify", "-CAfile", root.path, "-verify_hostname", "other.example.com", server.path])
                #expect(wrongName.status != 0)
            }
        }
    }

    @Test func revocationListsAreRenewedBeforeTheyExpireWithTheSameEntries() async throws {
        try await withTemporaryDirectory { folder in
            try await withStore(.sqlite) { store, customer in
                let harness = try await LiveGatewayHarness(folder: folder, store: store, customer: customer)
                let gateway = try #require(try await harness.provisionedGateways(1, waitForBroker: false).first)
                _ = try await harness.provisioning.reissue(harness.admin, customerID: customer.id, gatewayID: gateway.id.lowercasedString, packaging: .init(gateways: []))
                let pki = BrokerPKI(secrets: harness.secrets)
                let now = Date()
                let current = try await pki.revocationListsPEM(now: now)
                let later = try await pki.revocationListsPEM(now: now.addingTimeInterval(5 * 86_400))
                #expect(later != current)
                let lists = later.components(separatedBy: "-----END X509 CRL-----").filter { $0.contains("BEGIN X509 CRL") }
                #expect(lists.count == 2, "the root's and the customer's")
                for list in lists {
                    let crl = try CertificateRevocationList(pemRepresentation: list + "-----END X509 CRL-----\n")
                    let next = try #require(crl.nextUpdate)
                    #expect(next > now.addingTimeInterval(8 * 86_400), "renewed for 7 days from the later time")
                }
                let customerList = try CertificateRevocationList(pemRepresentation: lists[1] + "-----END X509 CRL-----\n")
                let revoked = try await store.revokedCertificates(customerID: customer.id).map(\.serial)
                #expect(try customerList.revokedCertificates().map(\.serialNumber) == revoked)
                #expect(!revoked.isEmpty)
            }
        }
    }
}
