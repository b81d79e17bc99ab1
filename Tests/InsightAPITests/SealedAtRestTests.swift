import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightCore
import InsightTestSupport
import Testing

/// Nothing at rest opens a gateway: the database holds no token, no package that names one and
/// no PKCS#12 the server alone could open; expired packages are dropped.
@Suite("Sealed at rest") struct SealedAtRestTests {
    @Test("no token a test issued is in the database file, neither in clear nor inside a stored zip; packages and PKCS#12 are sealed")
    func theDatabaseHoldsNoToken() async throws {
        try await APIHarness.with(.sqlite) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            let databaseFile = try #require(harness.databaseFile)
            try await harness.test { client in
                let ids = try await client.createGateways(["Plain-1", "Plain-2", "Plain-3", "Prepared"], customer: customer, token: admin)
                let body = try jsonText(["gateways": ["Plain-1", "Plain-2", "Plain-3"].map { ["gateway_name": $0] }])
                let created = try await client.send(.post, "/\(customer)/create-provisioning-package", token: admin, json: body)
                try #require(created.status == .ok, "\(created.details)")
                let links = try #require(created.object["gateways"] as? [[String: Any]])
                var tokens = try links.map { link in
                    let payload = try #require(link["qr_payload"] as? String)
                    return String(try #require(payload.split(separator: "#token=").last))
                }
                let prepared = try await client.send(.post, "/\(customer)/gateways/\(try #require(ids["Prepared"]))/prepare-provisioning", token: admin)
                tokens.append(try #require(prepared.object["token"] as? String))
                // The API still hands out the plain package, whose provisioning.json names its token.
                let download = try await client.get(link: try #require(links[0]["package_url"] as? String))
                try #require(download.status == .ok)
                #expect(download.data.starts(with: Data("PK".utf8)))

                let findings = try DatabaseTokenScan.run(database: databaseFile, tokens: tokens)
                #expect(findings.clearText.isEmpty, "tokens or keys in clear in the database file: \(findings.clearText)")
                #expect(findings.insideZips.isEmpty, "tokens inside stored zips: \(findings.insideZips)")
                #expect(findings.packages == 3 && findings.unsealedPackages == 0, "\(findings)")
                #expect(findings.pkcs12 == 4 && findings.unsealedPKCS12 == 0, "\(findings)")
                for token in tokens {
                    #expect(try await client.redeem(token).status == .ok, "a sealed PKCS#12 still opens for its token")
                }
            }
        }
    }

    @Test("a package past its token's lifetime is dropped: its link answers 404 saying so, a reissue still knows what it carried", arguments: TestDatabase.allCases)
    func expiredPackagesAreDropped(database: TestDatabase) async throws {
        let clock = ManualClock()
        try await APIHarness.with(database, clock: clock, freshPostgres: true) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let ids = try await client.createGateways(["Old"], customer: customer, token: admin)
                let id = try #require(ids["Old"])
                let body = try jsonText(["gateways": [["gateway_id": id]], "package_password": "zip secret"])
                try #require(try await client.send(.post, "/\(customer)/create-provisioning-package", token: admin, json: body).status == .ok)
                #expect(try await harness.server.provisioning.purgeExpiredPackages(at: clock.now()) == 0, "a package within its token's lifetime stays")

                clock.advance(millis: Int64(APIHarness.defaultSettings.tokenLifetime * 1000) + 60_000)
                #expect(try await harness.server.provisioning.purgeExpiredPackages(at: clock.now()) == 1)
                let link = try await client.send(.post, "/\(customer)/generate-download-url", token: admin, json: try jsonText(["gateway_id": id]))
                #expect(link.status == .notFound)
                #expect(link.details.contains("expired with its token"), "\(link.details)")
                let reissue = try await client.send(.post, "/\(customer)/gateways/\(id)/reissue", token: admin)
                #expect(reissue.status == .badRequest, "the dropped package was encrypted, and the reissue still knows it")
                #expect(reissue.details.contains("package_password"))
            }
        }
    }
}

/// Reads a SQLite database file (with its WAL) as a thief with a copy would: every byte for the
/// tokens and private keys (of the CAs, of the IdToken issuer) in clear, every stored package opened as a zip and searched, and counts of what is
/// sealed (`ISEAL2…, under the data key`).
enum DatabaseTokenScan {
    struct Findings: CustomStringConvertible {
        let clearText: [String]
        let insideZips: [String]
        let packages: Int
        let unsealedPackages: Int
        let pkcs12: Int
        let unsealedPKCS12: Int

        var description: String {
            "\(packages) packages (\(unsealedPackages) unsealed), \(pkcs12) PKCS#12 (\(unsealedPKCS12) unsealed)"
        }
    }

    static func run(database: URL, tokens: [String]) throws -> Findings {
        let script = """
        import io, json, sqlite3, sys, zipfile
        path, tokens = sys.argv[1], json.load(sys.stdin)
        raw = b""
        for suffix in ("", "-wal"):
            try: raw += open(path + suffix, "rb").read()
            except FileNotFoundError: pass
        clear = [t for t in tokens if t.encode() in raw] + (["a PEM private key"] if b"PRIVATE KEY-----" in raw else [])
        db = sqlite3.connect(path)
        inside, packages, unsealed_packages = [], 0, 0
        for (data,) in db.execute("SELECT data FROM packages"):
            packages += 1
            if not data.startswith(b"ISEAL2"): unsealed_packages += 1
            try:
                archive = zipfile.ZipFile(io.BytesIO(data))
                text = b"".join(archive.read(name) for name in archive.namelist())
                inside += [t for t in tokens if t.encode() in text]
            except zipfile.BadZipFile:
                pass
        pkcs12 = [row[0] for row in db.execute("SELECT pkcs12 FROM provisioning_tokens")]
        print(json.dumps({"clear": clear, "inside": inside, "packages": packages, "unsealed_packages": unsealed_packages,
                          "pkcs12": len(pkcs12), "unsealed_pkcs12": sum(1 for p in pkcs12 if not p.startswith(b"ISEAL2"))}))
        """
        let run = try runTool("python3", ["-c", script, database.path], stdin: try JSONSerialization.data(withJSONObject: tokens))
        try #require(run.status == 0, "\(run.stderrText)")
        let found = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        return Findings(
            clearText: found["clear"] as? [String] ?? ["?"], insideZips: found["inside"] as? [String] ?? ["?"],
            packages: found["packages"] as? Int ?? -1, unsealedPackages: found["unsealed_packages"] as? Int ?? -1,
            pkcs12: found["pkcs12"] as? Int ?? -1, unsealedPKCS12: found["unsealed_pkcs12"] as? Int ?? -1
        )
    }
}
