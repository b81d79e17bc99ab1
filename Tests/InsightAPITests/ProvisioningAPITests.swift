import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightCore
import InsightPackaging
import InsightTestSupport
import Testing

@Suite("Provisioning API")
struct ProvisioningAPITests {
    // MARK: prepare-provisioning

    @Test("prepare-provisioning: once per gateway, admins of the customer only", arguments: TestDatabase.allCases)
    func prepare(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let reader = try await harness.token(harness.reader)
            let other = try await harness.token(harness.otherAdmin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let id = try #require(try await client.createGateways(["Dock 1"], customer: customer, token: admin)["Dock 1"])
                let path = "/\(customer)/gateways/\(id)/prepare-provisioning"

                #expect(try await client.send(.post, path, token: reader).status == .forbidden)
                #expect(try await client.send(.post, path, token: other).status == .forbidden)
                #expect(try await client.status(of: id, customer: customer, token: admin) == "NOT_REGISTERED", "a refused call changes nothing")

                let prepared = try await client.send(.post, path, token: admin)
                #expect(prepared.status == .ok)
                #expect(prepared.object["registration_path"] as? String == "/provisioning")
                let token = try #require(prepared.object["token"] as? String)
                #expect(token.count == 43)
                #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }, "base64url: \(token)")
                #expect(base64URLDecoded(token)?.count == 32)
                #expect(try await client.status(of: id, customer: customer, token: admin) == "REGISTERING")

                let again = try await client.send(.post, path, token: admin)
                #expect(again.status == .conflict)
                #expect(again.details.contains("Dock 1"))

                let unknown = try await client.send(.post, "/\(customer)/gateways/\(UUID().uuidString)/prepare-provisioning", token: admin)
                #expect(unknown.status == .notFound)
                #expect(try await client.send(.post, "/\(customer)/gateways/not-a-uuid/prepare-provisioning", token: admin).status == .notFound)
            }
        }
    }

    // MARK: POST /provisioning

    @Test("a redeemed token yields a PKCS#12 that OpenSSL opens with the token and verifies up to the root", arguments: TestDatabase.allCases)
    func redeem(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            let rootPEM = try await harness.rootCertificatePEM()
            try await harness.test { client in
                let id = try #require(try await client.createGateways(["Gate"], customer: customer, token: admin)["Gate"])
                let token = try #require(
                    try await client.send(.post, "/\(customer)/gateways/\(id)/prepare-provisioning", token: admin).object["token"] as? String
                )

                let redeemed = try await client.redeem(token)
                #expect(redeemed.status == .ok)
                #expect(redeemed.headers[.cacheControl] == "no-store", "a redeemed key must not be cached")
                #expect(redeemed.headers[.xContentTypeOptions] == "nosniff")
                #expect(redeemed.object["certificate_common_name"] as? String == id)
                let gateway = try #require(redeemed.object["gateway"] as? [String: Any])
                #expect(gateway["id"] as? String == id)
                #expect(gateway["name"] as? String == "Gate")
                #expect((redeemed.object["mqtt_endpoint"] as? String)?.hasPrefix("mqtts://insight.example") == true)
                #expect(redeemed.object["mqtt_topic_prefix"] as? String == "insight/\(customer)")
                let pkcs12Text = try #require(redeemed.object["pkcs12"] as? String)
                let pkcs12 = try #require(Data(base64Encoded: pkcs12Text))

                try await withTemporaryDirectory { folder in
                    let bundle = folder.appendingPathComponent("gateway.p12")
                    try pkcs12.write(to: bundle)
                    let opened = try requireTool("openssl", ["pkcs12", "-in", bundle.path, "-passin", "pass:\(token)", "-nodes"])
                    #expect(opened.contains("BEGIN PRIVATE KEY"))
                    #expect(opened.contains(id))
                    #expect(try runTool("openssl", ["pkcs12", "-in", bundle.path, "-passin", "pass:wrong-\(token)", "-nodes"]).status != 0)

                    let leaf = folder.appendingPathComponent("leaf.pem")
                    let chain = folder.appendingPathComponent("chain.pem")
                    try requireTool("openssl", ["pkcs12", "-in", bundle.path, "-passin", "pass:\(token)", "-clcerts", "-nokeys", "-out", leaf.path])
                    try requireTool("openssl", ["pkcs12", "-in", bundle.path, "-passin", "pass:\(token)", "-cacerts", "-nokeys", "-out", chain.path])
                    let subject = try requireTool("openssl", ["x509", "-in", leaf.path, "-noout", "-subject"])
                    #expect(subject.replacingOccurrences(of: " ", with: "").contains("CN=\(id)"))
                    // The chain in the bundle leads to the installation's root (trusted from the database only).
                    let rootCA = folder.appendingPathComponent("root.pem")
                    try rootPEM.write(to: rootCA, atomically: true, encoding: .utf8)
                    let verified = try requireTool("openssl", [
                        "verify", "-CAfile", rootCA.path, "-untrusted", chain.path, "-purpose", "sslclient", leaf.path,
                    ])
                    #expect(verified.contains("OK"))
                }

                let second = try await client.redeem(token)
                #expect(second.status == .forbidden)
                let unknown = try await client.redeem(ProvisioningToken.generate().value)
                #expect(unknown.status == .forbidden)
                #expect(unknown.object["title"] as? String == second.object["title"] as? String)
                #expect(unknown.details == second.details, "an unknown and a used token must be indistinguishable")
                #expect(!second.details.isEmpty)
                #expect(try await client.redeem("").status == .forbidden)
                #expect(try await client.send(.post, "/provisioning", json: #"{"nope":1}"#).status == .badRequest)
            }
        }
    }

    @Test("an expired token gets the same 403 as an unknown one", arguments: TestDatabase.allCases)
    func expiredToken(database: TestDatabase) async throws {
        let settings = ProvisioningSettings(publicURL: "https://insight.example", tokenLifetime: 0.001)
        try await APIHarness.with(database, settings: settings) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let id = try #require(try await client.createGateways(["Late"], customer: customer, token: admin)["Late"])
                let token = try #require(
                    try await client.send(.post, "/\(customer)/gateways/\(id)/prepare-provisioning", token: admin).object["token"] as? String
                )
                try await Task.sleep(for: .milliseconds(5))
                let expired = try await client.redeem(token)
                #expect(expired.status == .forbidden)
                let unknown = try await client.redeem(ProvisioningToken.generate().value)
                #expect(expired.details == unknown.details)
            }
        }
    }

    @Test("16 concurrent redemptions of one token: exactly one succeeds", arguments: TestDatabase.allCases)
    func concurrentRedemptions(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let id = try #require(try await client.createGateways(["Race"], customer: customer, token: admin)["Race"])
                let token = try #require(
                    try await client.send(.post, "/\(customer)/gateways/\(id)/prepare-provisioning", token: admin).object["token"] as? String
                )
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for _ in 0..<16 { group.addTask { try await client.redeem(token).status } }
                    return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
                }
                #expect(statuses.count == 16)
                #expect(statuses.filter { $0 == .ok }.count == 1)
                #expect(statuses.filter { $0 == .forbidden }.count == 15)
            }
        }
    }

    @Test("the database keeps only the token's hash", arguments: TestDatabase.allCases)
    func tokenStoredAsHash(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            let store = harness.store
            let databaseFile = harness.databaseFile
            try await harness.test { client in
                let ids = try await client.createGateways(["Hash A", "Hash B"], customer: customer, token: admin)
                let idA = try #require(ids["Hash A"])
                let token = try #require(
                    try await client.send(.post, "/\(customer)/gateways/\(idA)/prepare-provisioning", token: admin).object["token"] as? String
                )
                let hash = ProvisioningToken.hash(of: token)

                if let databaseFile {
                    // WAL mode: recent writes may still be in the -wal file, so both are searched.
                    let bytes = try [databaseFile.path, databaseFile.path + "-wal"].reduce(into: Data()) { all, path in
                        if FileManager.default.fileExists(atPath: path) { all += try Data(contentsOf: URL(fileURLWithPath: path)) }
                    }
                    #expect(bytes.range(of: hash) != nil, "the hash is in the bytes searched, so the search reaches the token table")
                    #expect(bytes.range(of: Data(token.utf8)) == nil, "the token is stored in clear text")
                    let raw = try #require(base64URLDecoded(token))
                    #expect(bytes.range(of: raw) == nil, "the token's bytes are stored")
                }

                let record = try #require(try await store.redeemToken(hash: hash, at: Timestamp(Date())))
                #expect(record.tokenHash == hash)
                #expect(record.gatewayID.uuidString.lowercased() == idA)
                #expect(record.customerID == customer)
                #expect(try await store.redeemToken(hash: hash, at: Timestamp(Date())) == nil, "a token is redeemed once")
                #expect(try await store.redeemToken(hash: Data(token.utf8), at: Timestamp(Date())) == nil, "lookups are by hash only")
                #expect(try await client.redeem(token).status == .forbidden, "the store's redemption counts for the API too")
            }
        }
    }

    // MARK: create-provisioning-package and downloads

    @Test("packages by name and by id: encrypted zips with the token, WiFi, chain, QR codes and README", arguments: TestDatabase.allCases)
    func packageContents(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            let issuing = try await harness.issuingCertificatePEM(customerID: customer)
            let root = try await harness.rootCertificatePEM()
            let names = [#"Dock "A" & <B>"#, "Gerät 7"]
            let ssid = #"Lager "Nord""#
            let wifiPassword = #"p\a;b,c"d:e"#
            try await harness.test { client in
                let ids = try await client.createGateways(names, customer: customer, token: admin)
                let body = try jsonText([
                    "gateways": [["gateway_name": names[0]], ["gateway_id": try #require(ids[names[1]])]],
                    "wifi": ["ssid": ssid, "password": wifiPassword, "authentication_type": "WPA2"],
                    "package_password": "zip secret",
                ])
                let created = try await client.send(.post, "/\(customer)/create-provisioning-package", token: admin, json: body)
                try #require(created.status == .ok, "\(created.details)")
                let links = try #require(created.object["gateways"] as? [[String: Any]])
                #expect(links.map { $0["gateway_id"] as? String } == names.map { ids[$0] })

                var networkCRCs: [UInt32] = []
                for (name, link) in zip(names, links) {
                    let id = try #require(ids[name])
                    #expect(try await client.status(of: id, customer: customer, token: admin) == "REGISTERING")
                    let url = try #require(link["package_url"] as? String)
                    #expect(url.hasPrefix("https://insight.example/packages/"))
                    let download = try await client.get(link: url)
                    try #require(download.status == .ok, "\(download.details)")
                    #expect(download.headers[.contentType] == "application/zip")
                    let disposition = try #require(download.headers[.contentDisposition])
                    #expect(disposition.hasPrefix("attachment; filename=\"") && disposition.contains("\(id).zip\"; filename*=UTF-8''"), "\(disposition)")
                    #expect(download.headers[.cacheControl] == "no-store")
                    #expect(download.headers[.xContentTypeOptions] == "nosniff")

                    try await withTemporaryDirectory { folder in
                        let archive = folder.appendingPathComponent("package.zip")
                        try download.data.write(to: archive)
                        try requireTool("7z", ["t", "-pzip secret", archive.path])
                        #expect(try runTool("7z", ["t", "-pwrong", archive.path]).status != 0)
                        let listing = try requireTool("7z", ["l", "-slt", "-pzip secret", archive.path])
                        #expect(!listing.contains("Encrypted = -"), "every entry is encrypted")
                        #expect(listing.contains("AES-256"))

                        let out = folder.appendingPathComponent("x")
                        try requireTool("7z", ["x", "-pzip secret", "-o\(out.path)", "-y", archive.path])
                        let files = try Set(FileManager.default.contentsOfDirectory(atPath: out.path))
                        #expect(files == ["provisioning.json", "network.json", "ca.pem", "provisioning-qr.png", "wifi-qr.png", "README.txt"])

                        let provisioning = try #require(
                            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("provisioning.json"))) as? [String: Any]
                        )
                        let token = try #require(provisioning["token"] as? String)
                        #expect(token.count == 43)
                        let gateway = try #require(provisioning["gateway"] as? [String: Any])
                        #expect(gateway["id"] as? String == id)
                        #expect(gateway["name"] as? String == name)
                        #expect(gateway["connectivity_status"] as? String == "REGISTERING")
                        #expect(provisioning["registration_url"] as? String == "https://insight.example/provisioning")
                        let payload = try #require(provisioning["qr_payload"] as? String)
                        #expect(payload == "https://insight.example/provisioning#token=\(token)")
                        #expect((provisioning["token_expires_at"] as? Int64 ?? 0) > Timestamp(Date()).rawValue)
                        // The answer carries what the labels print, the same as the package.
                        #expect(link["qr_payload"] as? String == payload)
                        #expect(link["token_expires_at"] as? Int64 == provisioning["token_expires_at"] as? Int64)

                        let network = try #require(
                            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("network.json"))) as? [String: Any]
                        )
                        #expect(network["ssid"] as? String == ssid)
                        #expect(network["password"] as? String == wifiPassword)
                        #expect(network["authentication_type"] as? String == "WPA2")
                        #expect((network["nonce"] as? String)?.count == 32)
                        // The CRC-32 that WinZip AES leaves in the clear differs for the same WiFi.
                        let clearCRC = try ZipArchiveReader(data: download.data).entries.first { $0.name == "network.json" }?.crc32
                        networkCRCs += clearCRC.map { [$0] } ?? []

                        let chain = try String(contentsOf: out.appendingPathComponent("ca.pem"), encoding: .utf8)
                        try requireTool("openssl", ["x509", "-in", out.appendingPathComponent("ca.pem").path, "-noout", "-subject"])
                        #expect(chain == issuing + root, "ca.pem is the issuing CA, then the root")

                        #expect(try decodedQRCodes(out.appendingPathComponent("provisioning-qr.png")) == [payload])
                        #expect(try decodedQRCodes(out.appendingPathComponent("wifi-qr.png")) == [#"WIFI:T:WPA;S:Lager \"Nord\";P:p\\a\;b\,c\"d\:e;;"#])

                        let readme = try String(contentsOf: out.appendingPathComponent("README.txt"), encoding: .utf8)
                        #expect(readme.contains(name), "README names the gateway verbatim")
                        #expect(readme.contains(id))
                        #expect(!readme.contains(token))
                        #expect(!readme.contains(wifiPassword))

                        // The package is the one the token in it belongs to.
                        #expect(try await client.redeem(token).status == .ok)
                    }
                }
                #expect(networkCRCs.count == names.count)
                #expect(Set(networkCRCs).count == names.count, "\(networkCRCs)")
            }
        }
    }

    @Test("a WiFi password needs a package password or allow_unencrypted", arguments: TestDatabase.allCases)
    func wifiSecretsNeedEncryption(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let id = try #require(try await client.createGateways(["Open"], customer: customer, token: admin)["Open"])
                let path = "/\(customer)/create-provisioning-package"
                let wifi = ["ssid": "Plain", "password": "s3cret-wifi"]

                let refused = try await client.send(.post, path, token: admin, json: try jsonText(["gateways": [["gateway_id": id]], "wifi": wifi]))
                #expect(refused.status == .badRequest)
                #expect(refused.details.contains("package_password"))
                #expect(try await client.status(of: id, customer: customer, token: admin) == "NOT_REGISTERED")
                #expect(try await client.send(.post, "/\(customer)/generate-download-url", token: admin, json: try jsonText(["gateway_id": id])).status == .notFound)

                let allowed = try await client.send(
                    .post, path, token: admin, json: try jsonText(["gateways": [["gateway_id": id]], "wifi": wifi, "allow_unencrypted": true])
                )
                try #require(allowed.status == .ok, "\(allowed.details)")
                let url = try #require((allowed.object["gateways"] as? [[String: Any]])?.first?["package_url"] as? String)
                let download = try await client.get(link: url)
                try #require(download.status == .ok)
                try await withTemporaryDirectory { folder in
                    let archive = folder.appendingPathComponent("open.zip")
                    try download.data.write(to: archive)
                    // Any password works on an archive without encryption.
                    try requireTool("7z", ["t", "-pnot-the-password", archive.path])
                    let listing = try requireTool("7z", ["l", "-slt", archive.path])
                    #expect(!listing.contains("Encrypted = +"))
                    let out = folder.appendingPathComponent("x")
                    try requireTool("7z", ["x", "-o\(out.path)", "-y", archive.path])
                    let network = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("network.json"))) as? [String: Any]
                    #expect(network?["password"] as? String == "s3cret-wifi")
                }
            }
        }
    }

    @Test("create-provisioning-package refuses bad references all or nothing, naming the entry", arguments: TestDatabase.allCases)
    func packageRequestErrors(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let reader = try await harness.token(harness.reader)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let ids = try await client.createGateways(["One", "Two", "Done"], customer: customer, token: admin)
                let one = try #require(ids["One"]), two = try #require(ids["Two"]), done = try #require(ids["Done"])
                let path = "/\(customer)/create-provisioning-package"
                func request(_ refs: [[String: String]], token: String = admin) async throws -> TestResponse {
                    try await client.send(.post, path, token: token, json: try jsonText(["gateways": refs]))
                }

                #expect(try await request([["gateway_id": one]], token: reader).status == .forbidden)

                let unknownName = try await request([["gateway_id": one], ["gateway_name": "Nobody"]])
                #expect(unknownName.status == .notFound)
                #expect(unknownName.details.contains("gateways[1]"))
                let unknownID = try await request([["gateway_id": UUID().uuidString]])
                #expect(unknownID.status == .notFound)
                #expect(unknownID.details.contains("gateways[0]"))

                let twice = try await request([["gateway_name": "One"], ["gateway_id": two], ["gateway_id": one]])
                #expect(twice.status == .badRequest)
                #expect(twice.details.contains("gateways[2]") && twice.details.contains("gateways[0]"))

                #expect(try await request([["gateway_id": one], [:]]).status == .badRequest)
                #expect(try await client.send(.post, path, token: admin, json: #"{"gateways":[]}"#).status == .badRequest)

                #expect(try await request([["gateway_id": done]]).status == .ok)
                let provisioned = try await request([["gateway_id": one], ["gateway_name": "Done"]])
                #expect(provisioned.status == .conflict)
                #expect(provisioned.details.contains("gateways[1]"))

                for id in [one, two] {
                    #expect(try await client.status(of: id, customer: customer, token: admin) == "NOT_REGISTERED", "nothing was provisioned")
                    let link = try await client.send(.post, "/\(customer)/generate-download-url", token: admin, json: try jsonText(["gateway_id": id]))
                    #expect(link.status == .notFound, "no package was stored")
                }
            }
        }
    }

    @Test("signed links: tampering, expiry and unknown packages are refused; generate-download-url re-creates a link", arguments: TestDatabase.allCases)
    func signedLinks(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let reader = try await harness.token(harness.reader)
            let customer = harness.admin.customerID
            let signer = DownloadLinkSigner(key: try #require(try await harness.secrets.secret(named: SharedStateName.packageLinkKey)), collection: "packages")
            try await harness.test { client in
                let ids = try await client.createGateways(["Linked", "Prepared only"], customer: customer, token: admin)
                let linked = try #require(ids["Linked"]), preparedOnly = try #require(ids["Prepared only"])
                let created = try await client.send(
                    .post, "/\(customer)/create-provisioning-package", token: admin, json: try jsonText(["gateways": [["gateway_id": linked]]])
                )
                let url = try #require((created.object["gateways"] as? [[String: Any]])?.first?["package_url"] as? String)
                let original = try await client.get(link: url)
                try #require(original.status == .ok)

                let components = try #require(URLComponents(string: url))
                let packageID = try #require(UUID(uuidString: components.path.split(separator: "/").last.map(String.init) ?? ""))
                let expires = try #require(components.queryItems?.first { $0.name == "expires" }?.value.flatMap(Int64.init))
                let signature = try #require(components.queryItems?.first { $0.name == "signature" }?.value)
                let lifetime = expires - Timestamp(Date()).rawValue
                #expect(lifetime > 240_000 && lifetime <= 300_000, "links live 5 minutes")
                func link(id: String = packageID.uuidString.lowercased(), expires: Int64 = expires, signature: String = signature) -> String {
                    "/packages/\(id)?expires=\(expires)&signature=\(signature)"
                }

                // The first character always carries signature bits (the last one partly carries padding).
                let tampered = (signature.first == "A" ? "B" : "A") + signature.dropFirst()
                #expect(try await client.send(.get, link(signature: tampered)).status == .forbidden)
                #expect(try await client.send(.get, link(expires: expires + 1)).status == .forbidden)
                #expect(try await client.send(.get, link(signature: "")).status == .forbidden)
                #expect(try await client.send(.get, link(id: UUID().uuidString.lowercased())).status == .forbidden, "a signature is bound to its package")

                // With the server's own key: a fresh expiry works, a past one does not.
                let future = Timestamp(rawValue: Timestamp(Date()).rawValue + 60_000)
                #expect(try await client.send(.get, signer.path(id: packageID, expires: future)).status == .ok)
                let past = Timestamp(rawValue: Timestamp(Date()).rawValue - 1)
                let expired = try await client.send(.get, signer.path(id: packageID, expires: past))
                #expect(expired.status == .forbidden)
                let unknown = try await client.send(.get, signer.path(id: UUID(), expires: future))
                #expect(unknown.status == .notFound)

                let regenerate = "/\(customer)/generate-download-url"
                let fresh = try await client.send(.post, regenerate, token: admin, json: try jsonText(["gateway_id": linked]))
                try #require(fresh.status == .ok)
                #expect(fresh.object["gateway_id"] as? String == linked)
                let freshURL = try #require(fresh.object["package_url"] as? String)
                #expect(freshURL.hasPrefix("https://insight.example/packages/\(packageID.uuidString.lowercased())?"))
                let again = try await client.get(link: freshURL)
                #expect(again.status == .ok)
                #expect(again.data == original.data, "the link leads to the same package")
                #expect(try await client.send(.post, regenerate, token: reader, json: try jsonText(["gateway_id": linked])).status == .forbidden)

                #expect(try await client.send(.post, "/\(customer)/gateways/\(preparedOnly)/prepare-provisioning", token: admin).status == .ok)
                #expect(try await client.send(.post, regenerate, token: admin, json: try jsonText(["gateway_id": preparedOnly])).status == .notFound)
                #expect(try await client.send(.post, regenerate, token: admin, json: try jsonText(["gateway_id": UUID().uuidString])).status == .notFound)
            }
        }
    }

    @Test("links made with a negative lifetime are expired at once", arguments: [TestDatabase.sqlite])
    func expiredLinkLifetime(database: TestDatabase) async throws {
        let settings = ProvisioningSettings(publicURL: "https://insight.example", packageLinkLifetime: -1)
        try await APIHarness.with(database, settings: settings) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let id = try #require(try await client.createGateways(["Stale"], customer: customer, token: admin)["Stale"])
                let created = try await client.send(
                    .post, "/\(customer)/create-provisioning-package", token: admin, json: try jsonText(["gateways": [["gateway_id": id]]])
                )
                let url = try #require((created.object["gateways"] as? [[String: Any]])?.first?["package_url"] as? String)
                #expect(try await client.get(link: url).status == .forbidden)
            }
        }
    }

    // MARK: reissue and the CRL

    @Test("reissue revokes the certificate, voids the open token and issues a working one; the CRL lists the revoked serials", arguments: TestDatabase.allCases)
    func reissue(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let reader = try await harness.token(harness.reader)
            let other = try await harness.token(harness.otherAdmin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let ids = try await client.createGateways(["Swap", "Never"], customer: customer, token: admin)
                let id = try #require(ids["Swap"]), never = try #require(ids["Never"])
                let reissuePath = "/\(customer)/gateways/\(id)/reissue"
                let before = try await client.send(.get, "/\(customer)/gateways/\(id)", token: admin).object

                let unprovisioned = try await client.send(.post, "/\(customer)/gateways/\(never)/reissue", token: admin, json: "{}")
                #expect(unprovisioned.status == .conflict, "\(unprovisioned.details)")
                #expect(try await client.send(.post, "/\(customer)/gateways/\(UUID().uuidString)/reissue", token: admin, json: "{}").status == .notFound)

                let firstToken = try #require(
                    try await client.send(.post, "/\(customer)/gateways/\(id)/prepare-provisioning", token: admin).object["token"] as? String
                )
                #expect(try await client.send(.post, reissuePath, token: reader, json: "{}").status == .forbidden)
                #expect(try await client.send(.post, reissuePath, token: other, json: "{}").status == .forbidden)

                // Reissue while the first token is still open.
                let first = try await client.send(.post, reissuePath, token: admin, json: "{}")
                try #require(first.status == .ok, "\(first.details)")
                #expect(first.object["registration_path"] as? String == "/provisioning")
                let secondToken = try #require(first.object["token"] as? String)
                #expect(secondToken != firstToken)
                #expect((first.object["token_expires_at"] as? Int64 ?? 0) > Timestamp(Date()).rawValue)
                let firstRevoked = try #require(first.object["revoked_serials"] as? [String])
                #expect(firstRevoked.count == 1)
                let firstCRL = try #require(try await harness.publishedRevocationList(customerID: customer), "reissue publishes the CRL")
                let package = try await client.get(link: try #require(first.object["package_url"] as? String))
                #expect(package.status == .ok)
                #expect(package.headers[.contentType] == "application/zip")

                #expect(try await client.redeem(firstToken).status == .forbidden, "the open token is voided")
                let redeemed = try await client.redeem(secondToken)
                try #require(redeemed.status == .ok)
                let pkcs12 = try #require(Data(base64Encoded: redeemed.object["pkcs12"] as? String ?? ""))

                let serial = try await withTemporaryDirectory { folder in
                    let bundle = folder.appendingPathComponent("g.p12")
                    try pkcs12.write(to: bundle)
                    let leaf = folder.appendingPathComponent("leaf.pem")
                    try requireTool("openssl", ["pkcs12", "-in", bundle.path, "-passin", "pass:\(secondToken)", "-clcerts", "-nokeys", "-out", leaf.path])
                    let line = try requireTool("openssl", ["x509", "-in", leaf.path, "-noout", "-serial"])
                    return normalizedSerial(try #require(line.split(separator: "=").last))
                }

                // A second swap revokes the certificate the second token unlocked.
                let second = try await client.send(.post, reissuePath, token: admin, json: "{}")
                try #require(second.status == .ok, "\(second.details)")
                let secondRevoked = try #require(second.object["revoked_serials"] as? [String])
                #expect(secondRevoked.map(normalizedSerial) == [serial])
                #expect(try await harness.publishedRevocationList(customerID: customer) != firstCRL, "the second reissue publishes a new CRL")
                let thirdToken = try #require(second.object["token"] as? String)
                #expect(try await client.redeem(thirdToken).status == .ok)

                let after = try await client.send(.get, "/\(customer)/gateways/\(id)", token: admin).object
                for key in ["id", "thing_name", "name", "station", "usecase"] {
                    #expect(after[key] as? String == before[key] as? String, "\(key) is kept")
                }

                // The CRL: PEM by default and on request, DER on request.
                let crlPath = "/\(customer)/crl"
                let byDefault = try await client.send(.get, crlPath, token: admin)
                #expect(byDefault.status == .ok)
                #expect(byDefault.headers[.contentType]?.hasPrefix("application/x-pem-file") == true, "without Accept: \(byDefault.headers[.contentType] ?? "none")")
                #expect(byDefault.data.starts(with: Data("-----BEGIN X509 CRL-----".utf8)), "PEM without an Accept header")
                let preferringPEM = try await client.send(
                    .get, crlPath, token: admin, headers: [.accept: "application/pkix-crl;q=0.5, application/x-pem-file"]
                )
                #expect(preferringPEM.headers[.contentType]?.hasPrefix("application/x-pem-file") == true, "the Accept header's q-values decide")
                let pem = try await client.send(.get, crlPath, token: admin, headers: [.accept: "application/x-pem-file"])
                try #require(pem.status == .ok)
                #expect(pem.headers[.contentType]?.hasPrefix("application/x-pem-file") == true)
                #expect(pem.data.starts(with: Data("-----BEGIN X509 CRL-----".utf8)))
                let der = try await client.send(.get, crlPath, token: admin, headers: [.accept: "application/pkix-crl"])
                try #require(der.status == .ok)
                #expect(der.headers[.contentType]?.hasPrefix("application/pkix-crl") == true)
                #expect(!der.data.starts(with: Data("-----".utf8)))
                #expect(try await client.send(.get, "/\(customer)/crl", token: reader).status == .ok)
                #expect(try await client.send(.get, "/\(customer)/crl", token: other).status == .forbidden)
                #expect(try await client.send(.get, "/\(customer)/crl").status == .unauthorized)

                let expected = Set((firstRevoked + secondRevoked).map(normalizedSerial))
                try await withTemporaryDirectory { folder in
                    let pemFile = folder.appendingPathComponent("crl.pem")
                    let derFile = folder.appendingPathComponent("crl.der")
                    try pem.data.write(to: pemFile)
                    try der.data.write(to: derFile)
                    #expect(serialsListed(inCRLText: try requireTool("openssl", ["crl", "-in", pemFile.path, "-noout", "-text"])) == expected)
                    #expect(serialsListed(inCRLText: try requireTool("openssl", ["crl", "-inform", "DER", "-in", derFile.path, "-noout", "-text"])) == expected)
                    let issuingFile = folder.appendingPathComponent("issuing-ca.pem")
                    try await harness.issuingCertificatePEM(customerID: customer).write(to: issuingFile, atomically: true, encoding: .utf8)
                    let signed = try runTool("openssl", ["crl", "-in", pemFile.path, "-noout", "-CAfile", issuingFile.path])
                    #expect(signed.status == 0)
                    #expect((signed.stdoutText + signed.stderrText).contains("verify OK"), "signed by the customer's issuing CA")
                }
                // Every request signs a new CRL. RFC 5280 §5.2.3: each new CRL of an issuer carries a greater
                // CRL number, also when several are signed within one second.
                var numbers: [UInt64] = []
                for _ in 0..<3 {
                    numbers.append(try crlNumber(try await client.send(.get, crlPath, token: admin, headers: [.accept: "application/x-pem-file"]).data))
                }
                #expect(numbers == numbers.sorted() && Set(numbers).count == numbers.count, "CRL numbers \(numbers) do not increase")
                // The latest CRL is the published one, which every instance on the database serves.
                let latest = try await client.send(.get, crlPath, token: admin, headers: [.accept: "application/x-pem-file"])
                #expect(try await harness.publishedRevocationList(customerID: customer) == String(decoding: latest.data, as: UTF8.self))
            }
        }
    }

    @Test("reissue takes no body at all: the contract marks its body optional", arguments: [TestDatabase.sqlite])
    func reissueWithoutBody(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let id = try #require(try await client.createGateways(["Bare"], customer: customer, token: admin)["Bare"])
                #expect(try await client.send(.post, "/\(customer)/gateways/\(id)/prepare-provisioning", token: admin).status == .ok)
                // As `curl -X POST -H "Authorization: …" …/reissue` sends it: no body, no Content-Type.
                let reissued = try await client.send(.post, "/\(customer)/gateways/\(id)/reissue", token: admin)
                #expect(reissued.status == .ok, "\(reissued.details)")
                #expect((reissued.object["token"] as? String)?.count == 43)
            }
        }
    }

    @Test("reissue never silently drops the current package's WiFi or encryption", arguments: TestDatabase.allCases)
    func reissueKeepsWiFiAndEncryption(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let wifi: [String: Any] = ["ssid": "Lager", "password": "wifi-secret", "authentication_type": "WPA2"]
                let id = try #require(try await client.createGateways(["Swap"], customer: customer, token: admin)["Swap"])
                let created = try await client.send(
                    .post, "/\(customer)/create-provisioning-package", token: admin,
                    json: try jsonText(["gateways": [["gateway_id": id]], "wifi": wifi, "package_password": "zip secret"])
                )
                try #require(created.status == .ok, "\(created.details)")
                let path = "/\(customer)/gateways/\(id)/reissue"

                let bare = try await client.send(.post, path, token: admin)
                #expect(bare.status == .badRequest)
                #expect(bare.details.contains("wifi"), "\(bare.details)")
                let withoutPassword = try await client.send(.post, path, token: admin, json: try jsonText(["wifi": wifi]))
                #expect(withoutPassword.status == .badRequest)
                #expect(withoutPassword.details.contains("package_password"), "\(withoutPassword.details)")
                #expect(try await client.status(of: id, customer: customer, token: admin) == "REGISTERING", "a refused reissue changes nothing")

                let reissued = try await client.send(.post, path, token: admin, json: try jsonText(["wifi": wifi, "package_password": "zip secret"]))
                try #require(reissued.status == .ok, "\(reissued.details)")
                let download = try await client.get(link: try #require(reissued.object["package_url"] as? String))
                try await withTemporaryDirectory { folder in
                    let archive = folder.appendingPathComponent("package.zip")
                    try download.data.write(to: archive)
                    #expect(!(try requireTool("7z", ["l", "-slt", "-pzip secret", archive.path])).contains("Encrypted = -"), "still encrypted")
                    let network = try requireTool("7z", ["x", "-so", "-pzip secret", archive.path, "network.json"])
                    #expect(network.contains("wifi-secret"), "still carries the WiFi")
                }
            }
        }
    }
}
