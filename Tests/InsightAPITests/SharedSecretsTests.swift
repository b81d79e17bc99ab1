import Foundation
import InsightAuth
import InsightCore
import InsightPKI
import InsightProvisioning
import InsightStore
import InsightTestSupport
import Testing

/// The keys and CAs every instance on one database shares, sealed under one master key.
@Suite("Shared sealed state") struct SharedSecretsTests {
    @Test("instances starting together on a fresh database make one data key, one IdToken key, one link key and one CA", arguments: TestDatabase.allCases)
    func instancesShareOneSetOfKeys(database: TestDatabase) async throws {
        try await withFreshDatabase(database) { location in
            try await SQLStore.withStore(location) { migrated in try await migrated.migrate() }
            let opened = try await withThrowingTaskGroup(of: (issuer: TokenIssuer, root: String, link: Data?).self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await withTemporaryDirectory { ownDataDirectory in
                            try await SQLStore.withStore(location) { store in
                                let secrets = try await SharedSecrets.open(store, dataDirectory: ownDataDirectory, masterKeyFile: TestMasterKey.file).secrets
                                async let issuer = TokenIssuer.load(secrets: secrets)
                                async let root = BrokerPKI(secrets: secrets).rootCertificate().pemRepresentation()
                                async let link = ProvisioningService.onSharedState(secrets, gateways: store, store: store, settings: .init(publicURL: "http://x"))
                                _ = try await link
                                return (try await issuer, try await root, try await secrets.secret(named: SharedStateName.packageLinkKey))
                            }
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(opened.map(\.root)).count == 1, "one root CA")
            #expect(Set(opened.map(\.link)).count == 1 && opened[0].link?.count == 32, "one package-link key")
            let user = User(id: "u1", customerID: "c1", email: "a@b.example", roles: [.admin], created: Timestamp(Date()), lastUpdated: Timestamp(Date()))
            for signer in opened {
                let token = try await signer.issuer.issue(for: user)
                for verifier in opened {
                    #expect(try await verifier.issuer.verifier.identity(fromAuthorizationHeader: "Bearer \(token)").subject == "u1", "a token of one instance is valid at every other")
                }
            }
        }
    }

    @Test("another master key is refused, saying every instance needs the same")
    func anotherMasterKeyIsRefused() async throws {
        try await withTemporaryDirectory { folder in
            try await SQLStore.withStore(.sqlite(path: folder.appendingPathComponent("insight.sqlite").path)) { store in
                _ = try await SharedSecrets.open(store, dataDirectory: folder, masterKeyFile: TestMasterKey.file)
                let other = try newMasterKeyFile(in: folder)
                do {
                    _ = try await SharedSecrets.open(store, dataDirectory: folder, masterKeyFile: other)
                    Issue.record("another master key opened the database's keys")
                } catch let error as MasterKeyMismatch {
                    #expect(error.description.contains("--master-key-file"))
                }
            }
        }
    }

    @Test("master key rotation rewraps the data key and reseals what was not sealed under it; the old key no longer opens", arguments: TestDatabase.allCases)
    func rotation(database: TestDatabase) async throws {
        try await APIHarness.with(database, freshPostgres: true) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                _ = try await client.createGateways(["R-1", "R-2"], customer: customer, token: admin)
                let body = try jsonText(["gateways": [["gateway_name": "R-1"], ["gateway_name": "R-2"]], "allow_unencrypted": true])
                let created = try await client.send(.post, "/\(customer)/create-provisioning-package", token: admin, json: body)
                try #require(created.status == .ok, "\(created.details)")
                // As a database from before sealing holds them: packages and PKCS#12 files in clear.
                let sealer = harness.secrets.sealer
                let unsealed = try await harness.store.rewriteSecretsAtRest { place, stored in
                    try sealer.open(stored, context: SealedProvisioningStore.context(of: place))
                }
                #expect(unsealed == 4, "2 packages and 2 PKCS#12 files")

                let old = try MasterKey.load(from: TestMasterKey.file)
                let newFile = try newMasterKeyFile(in: harness.dataDirectory)
                let report = try await MasterKeyRotation.rotate(state: harness.store, provisioning: harness.store, from: old, to: MasterKey.load(from: newFile))
                #expect(report.resealed == 4)
                let stillClear = try await harness.store.rewriteSecretsAtRest { _, stored in Sealer.isSealed(stored) ? nil : stored }
                #expect(stillClear == 0, "every secret at rest is sealed under the data key")
                await #expect(throws: MasterKeyMismatch.self, "the old key") {
                    _ = try await SharedSecrets.open(harness.store, dataDirectory: harness.dataDirectory, masterKeyFile: TestMasterKey.file)
                }
                let reopened = try await SharedSecrets.open(harness.store, dataDirectory: harness.dataDirectory, masterKeyFile: newFile).secrets
                let linkKey = try await reopened.secret(named: SharedStateName.packageLinkKey)
                #expect(linkKey == (try await harness.secrets.secret(named: SharedStateName.packageLinkKey)), "the same keys under the new master key")
                let links = try #require(created.object["gateways"] as? [[String: Any]])
                let download = try await client.get(link: try #require(links[0]["package_url"] as? String))
                #expect(download.status == .ok && download.data.starts(with: Data("PK".utf8)), "a running instance keeps serving packages")
            }
        }
    }

    @Test("a data directory's key files and CAs from before are brought into the database once; certificates still chain to the old root")
    func dataDirectoryImport() async throws {
        try await withTemporaryDirectory { folder in
            let pki = folder.appendingPathComponent("pki/customers/c-old", isDirectory: true)
            try FileManager.default.createDirectory(at: pki, withIntermediateDirectories: true)
            let root = folder.appendingPathComponent("pki/root-ca")
            try requireTool("openssl", [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=Old Root",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", root.appendingPathExtension("key").path, "-out", root.appendingPathExtension("pem").path, "-days", "30",
            ])
            try requireTool("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", folder.appendingPathComponent("idtoken-signing-key.pem").path])
            let linkKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) })
            try linkKey.write(to: folder.appendingPathComponent("package-link.key"))

            try await SQLStore.withStore(.sqlite(path: folder.appendingPathComponent("insight.sqlite").path)) { store in
                let (secrets, report) = try await SharedSecrets.open(store, dataDirectory: folder, masterKeyFile: TestMasterKey.file)
                #expect(report.imported.count == 3, "\(report.lines)")
                #expect(report.conflicting.isEmpty)
                #expect(try await secrets.secret(named: SharedStateName.packageLinkKey) == linkKey)
                #expect(try await secrets.secret(named: SharedStateName.idTokenSigningKey) == Data(contentsOf: folder.appendingPathComponent("idtoken-signing-key.pem")))
                _ = try await TokenIssuer.load(secrets: secrets)

                // A new customer's issuing CA is signed by the old root: openssl verifies the chain with the old file.
                let chain = try await OpenSSLCredentialAuthority(secrets: secrets).chainPEM(customerID: "c-new")
                let chainFile = folder.appendingPathComponent("chain.pem")
                try chain.write(to: chainFile, atomically: true, encoding: .utf8)
                let verified = try requireTool("openssl", ["verify", "-CAfile", root.appendingPathExtension("pem").path, chainFile.path])
                #expect(verified.contains("OK"))

                let again = try await SharedSecrets.open(store, dataDirectory: folder, masterKeyFile: TestMasterKey.file).imported
                #expect(again.imported.isEmpty && again.conflicting.isEmpty, "nothing twice: \(again.lines)")
                try Data(repeating: 7, count: 32).write(to: folder.appendingPathComponent("package-link.key"))
                let changed = try await SharedSecrets.open(store, dataDirectory: folder, masterKeyFile: TestMasterKey.file).imported
                #expect(changed.conflicting == [folder.appendingPathComponent("package-link.key").path], "the database's key wins, the file is named")
                #expect(try await secrets.secret(named: SharedStateName.packageLinkKey) == linkKey)
            }
        }
    }
}

/// A new master key file (`openssl rand -base64 32`) in `folder`.
private func newMasterKeyFile(in folder: URL) throws -> URL {
    let file = folder.appendingPathComponent("new-\(UUID().uuidString).key")
    try requireTool("openssl", ["rand", "-base64", "-out", file.path, "32"])
    return file
}
