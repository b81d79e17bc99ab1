import Foundation
import InsightOnboarding
import InsightOnboardingInput
import InsightOpenAPI
import InsightTestSupport
import Testing

@Suite("Onboarding pipeline")
struct OnboardingPipelineTests {
    static let stations = ["Station A", "Station B", "Station C"]

    @Test("30 gateways over 3 stations: manifest, encrypted packages, per-station sheets that decode, also at half size")
    func batchOfThirty() async throws {
        try await Workspace.with { workspace in
            try await EmbeddedServer.with(dataDirectory: workspace.dataDirectory) { server in
                let csv = workspace.root.appendingPathComponent("gateways.csv")
                let rows = gatewayRows(count: 30, stations: Self.stations)
                try writeCSV(rows, to: csv)
                let out = workspace.output
                let manifest = try await server.onboard(csv, into: out)

                #expect(manifest.customer_id == server.connection.customerID)
                #expect(manifest.gateways.map(\.name) == rows.map { $0[0] })
                #expect(manifest.gateways.map(\.station) == rows.map { $0[2] })
                #expect(try Manifest.load(from: out) == manifest, "the manifest on disk is the one returned")
                let packages = out.appendingPathComponent("packages").path + "/"
                for entry in manifest.gateways {
                    let file = out.appendingPathComponent(entry.package).standardizedFileURL
                    #expect(file.path.hasPrefix(packages), "\(entry.package)")
                    #expect(FileManager.default.fileExists(atPath: file.path))
                    #expect(entry.encrypted)
                    #expect(throws: (any Error).self, "readable without the password") {
                        try ZipArchiveReaderProbe.read(file)
                    }
                }
                try await expectVerifies(out, gateways: 30)

                let onServer = try await server.gatewaysOnServer()
                #expect(onServer.count == 30)
                #expect(Set(onServer.map(\.id)) == Set(manifest.gateways.map(\.gateway_id)))
                #expect(onServer.allSatisfy { $0.connectivityStatus == .registering })

                var sheetsSeen = Set<String>()
                for station in Self.stations {
                    let entries = manifest.gateways.filter { $0.station == station }
                    #expect(entries.count == 10)
                    let sheets = Set(entries.compactMap(\.sheet))
                    #expect(!sheets.isEmpty && sheets.allSatisfy { $0.hasPrefix("sheets/") })
                    #expect(sheetsSeen.isDisjoint(with: sheets), "each station has sheets of its own")
                    sheetsSeen.formUnion(sheets)
                    let expected = try Set(entries.map { try qrPayloadAndToken(of: out.appendingPathComponent($0.package)).payload })
                    #expect(expected.count == 10)

                    var decoded: [String] = []
                    var decodedSmall: [String] = []
                    for sheet in sheets.sorted() {
                        let png = out.appendingPathComponent(sheet)
                        decoded += try decodedQRCodes(png)
                        let small = workspace.root.appendingPathComponent("small.png")
                        defer { try? FileManager.default.removeItem(at: small) }
                        let resized = try runTool("convert", [png.path, "-resize", "50%", small.path])
                        try #require(resized.status == 0, "convert: \(resized.stderrText)")
                        decodedSmall += try decodedQRCodes(small)
                    }
                    #expect(decoded.count == 10)
                    #expect(Set(decoded) == expected, "\(station)'s sheets carry exactly its labels")
                    #expect(decodedSmall.count == 10)
                    #expect(Set(decodedSmall) == expected, "\(station)'s sheets still decode at half size")
                }
                #expect(Set(manifest.sheets.filter { $0.hasSuffix(".png") }) == sheetsSeen)
            }
        }
    }

    @Test("hostile gateway names onboard, and every file stays inside the output folder")
    func hostileNames() async throws {
        let names = [
            "../../x", "/etc/passwd", "a/../../b", "..", "CON",
            String(String(repeating: "Überlänge/", count: 20).prefix(200)), #"Склад Ω "7""#,
        ]
        #expect(names[5].count == 200)
        try await Workspace.with { workspace in
            try await EmbeddedServer.with(dataDirectory: workspace.dataDirectory) { server in
                let csv = workspace.output.deletingLastPathComponent().appendingPathComponent("hostile.csv")
                try writeCSV(names.map { [$0, "Picking", "Dock"] }, to: csv)
                let out = workspace.output
                let manifest = try await server.onboard(csv, into: out)
                try FileManager.default.removeItem(at: csv)

                #expect(manifest.gateways.map(\.name) == names)
                #expect(Set(try await server.gatewaysOnServer().map(\.name)) == Set(names), "names reach the server unchanged")
                let packages = out.appendingPathComponent("packages").resolvingSymlinksInPath()
                for entry in manifest.gateways {
                    let file = out.appendingPathComponent(entry.package).standardizedFileURL.resolvingSymlinksInPath()
                    #expect(file.deletingLastPathComponent().path == packages.path, "\(entry.name) → \(entry.package)")
                    #expect(FileManager.default.fileExists(atPath: file.path))
                }
                #expect(Set(manifest.gateways.map(\.package)).count == names.count, "one file per gateway")
                try await expectVerifies(out, gateways: names.count)

                #expect(try Set(FileManager.default.contentsOfDirectory(atPath: workspace.root.path)) == ["data", "out"])
                let written = try filesBelow(out)
                let unexpected = written.filter { path in
                    !(["manifest.json", "journal.jsonl"].contains(path)
                        || (path.hasPrefix("packages/") && path.hasSuffix(".zip") && !path.dropFirst("packages/".count).contains("/"))
                        || (path.hasPrefix("sheets/") && (path.hasSuffix(".png") || path.hasSuffix(".pdf")) && !path.dropFirst("sheets/".count).contains("/")))
                }
                #expect(unexpected.isEmpty, "unexpected files: \(unexpected.sorted())")
                #expect(written.filter { $0.hasPrefix("packages/") }.count == names.count)
            }
        }
    }

    @Test("CSV problems are all reported with their lines, and nothing is created")
    func csvProblems() async throws {
        try await Workspace.with { workspace in
            try await EmbeddedServer.with(dataDirectory: workspace.dataDirectory) { server in
                let csv = workspace.root.appendingPathComponent("gateways.csv")
                try writeCSV([
                    ["Alpha", "Picking", "S1"],
                    ["Bravo", "Picking", ""],
                    ["Charlie", "Picking", "S1"],
                    ["Alpha", "Packing", "S2"],
                ], to: csv)
                let request = OnboardingRequest(csvFile: csv, outputFolder: workspace.output)
                let error = #expect(throws: OnboardingError.self) { try OnboardingPipeline.checkedRows(of: request) }
                guard case .invalidInput(let problems) = error else {
                    Issue.record("expected invalidInput, got \(String(describing: error))")
                    return
                }
                #expect(problems.count == 2, "\(problems)")
                #expect(problems.contains { $0.hasPrefix("gateways.csv:3") && $0.contains("station") }, "\(problems)")
                #expect(problems.contains { $0.hasPrefix("gateways.csv:5") && $0.contains("Alpha") }, "\(problems)")
                #expect(error?.isInputError == true)

                await #expect(throws: OnboardingError.self) { try await server.onboard(csv, into: workspace.output) }
                #expect(try await server.gatewaysOnServer().isEmpty)
                #expect(!FileManager.default.fileExists(atPath: workspace.output.path), "no output folder for a refused CSV")
            }
        }
    }

    @Test("a WiFi password without package password or explicit consent is refused before anything is created")
    func wifiSecretNeedsEncryption() async throws {
        try await Workspace.with { workspace in
            try await EmbeddedServer.with(dataDirectory: workspace.dataDirectory) { server in
                let csv = workspace.root.appendingPathComponent("gateways.csv")
                try writeCSV([
                    ["One", "Picking", "S1", "", ""],
                    ["Two", "Picking", "S1", "Row WiFi", "row secret"],
                ], header: ["name", "usecase", "station", "wifi_ssid", "wifi_password"], to: csv)

                let rowOnly = OnboardingRequest(csvFile: csv, outputFolder: workspace.output)
                let rowError = #expect(throws: OnboardingError.self) { try OnboardingPipeline.checkedRows(of: rowOnly) }
                guard case .invalidInput(let problems) = rowError else {
                    Issue.record("expected invalidInput, got \(String(describing: rowError))")
                    return
                }
                #expect(problems.joined().contains("3"), "names the row's line: \(problems)")

                let refused = await #expect(throws: OnboardingError.self) {
                    try await server.onboard(csv, into: workspace.output, wifi: batchWiFi, password: nil)
                }
                if case .invalidInput = refused {} else { Issue.record("expected invalidInput, got \(String(describing: refused))") }
                #expect(try await server.gatewaysOnServer().isEmpty)
                #expect(!FileManager.default.fileExists(atPath: workspace.output.path))

                // With consent the same batch runs, unencrypted.
                let manifest = try await server.onboard(csv, into: workspace.output, wifi: batchWiFi, password: nil, allowUnencrypted: true)
                #expect(manifest.gateways.allSatisfy { !$0.encrypted })
                let package = workspace.output.appendingPathComponent(try #require(manifest.gateways.last).package)
                #expect(try qrPayloadAndToken(of: package, password: nil).payload.hasPrefix("https://insight.example/provisioning#token="))
            }
        }
    }

    // MARK: Resuming

    /// Where an earlier run stopped: the journal kinds it had written before the crash.
    enum CrashPoint: String, CaseIterable, Sendable {
        /// After bulk-create was journaled, before any package was on disk: the re-run gets new
        /// links to the packages the server already built instead of provisioning twice.
        case afterCreate
        /// Between the server's bulk-create commit and its journal line: the re-run sends the
        /// journaled request again under its idempotency key and gets the gateways it created.
        case beforeCreateJournaled
        /// After the whole batch, when someone deleted the packages folder by hand.
        case packagesDeleted
        /// After the whole batch, when a crash left the packages empty (renamed into place,
        /// never written back to disk).
        case packagesEmptied

        /// The journal kinds kept, or `nil` to keep the whole journal.
        var keptKinds: Set<String>? {
            switch self {
            case .afterCreate: ["batch", "request", "created"]
            case .beforeCreateJournaled: ["batch", "request"]
            case .packagesDeleted, .packagesEmptied: nil
            }
        }
    }

    @Test("resume after a crash creates nothing twice and finishes the batch", arguments: CrashPoint.allCases)
    func resume(after crash: CrashPoint) async throws {
        try await Workspace.with { workspace in
            try await EmbeddedServer.with(dataDirectory: workspace.dataDirectory) { server in
                let csv = workspace.root.appendingPathComponent("gateways.csv")
                try writeCSV(gatewayRows(count: 30, stations: Self.stations), to: csv)
                let out = workspace.output
                let first = try await server.onboard(csv, into: out)

                if let kept = crash.keptKinds { try keepJournalLines(in: out) { kept.contains($0) } }
                let packages = out.appendingPathComponent("packages")
                if crash == .packagesEmptied {
                    for file in try FileManager.default.contentsOfDirectory(at: packages, includingPropertiesForKeys: nil) {
                        try Data().write(to: file)
                    }
                } else {
                    try FileManager.default.removeItem(at: packages)
                }

                let second = try await server.onboard(csv, into: out)
                #expect(second.gateways.map(\.gateway_id) == first.gateways.map(\.gateway_id), "the same gateways")
                let onServer = try await server.gatewaysOnServer()
                #expect(onServer.count == 30)
                #expect(Set(onServer.map(\.name)).count == 30)
                try await expectVerifies(out, gateways: 30)
            }
        }
    }

    // MARK: Reissue

    @Test("reissue: verify still passes, the reissue sheet carries the new code, the old token is dead; a re-run keeps it so")
    func reissue() async throws {
        try await Workspace.with { workspace in
            try await EmbeddedServer.with(dataDirectory: workspace.dataDirectory) { server in
                let csv = workspace.root.appendingPathComponent("gateways.csv")
                try writeCSV(gatewayRows(count: 30, stations: Self.stations), to: csv)
                let out = workspace.output
                let manifest = try await server.onboard(csv, into: out)
                let target = manifest.gateways[12]
                let package = out.appendingPathComponent(target.package)
                let old = try qrPayloadAndToken(of: package)

                let outcome = try await GatewayReissue(
                    connection: server.connection, folder: out, password: packagePassword, wifi: nil, allowUnencrypted: false
                ).run(target.name, progress: ProgressReporter(interactive: false))
                #expect(outcome.entry.gateway_id == target.gateway_id)
                #expect(!outcome.revokedSerials.isEmpty)
                try await expectVerifies(out, gateways: 30)

                let new = try qrPayloadAndToken(of: package)
                #expect(new.token != old.token)
                let png = try #require(outcome.labels.first { $0.hasSuffix(".png") })
                #expect(try decodedQRCodes(out.appendingPathComponent(png)) == [new.payload])
                let network = try ZipArchiveReaderProbe.network(package, password: packagePassword)
                #expect(network["ssid"] as? String == batchWiFi.ssid, "a swap keeps the package's WiFi")
                #expect(network["password"] as? String == batchWiFi.password)

                #expect(try await server.redemptionStatus(old.token) == 403, "the old token is void")
                let stationSheets = Set(try Manifest.load(from: out).gateways.filter { $0.station == target.station }.compactMap(\.sheet))
                let decoded = try stationSheets.flatMap { try decodedQRCodes(out.appendingPathComponent($0)) }
                #expect(decoded.contains(new.payload) && !decoded.contains(old.payload), "the station's sheet carries the new label")

                let again = try await server.onboard(csv, into: out)
                #expect(again.gateways.count == 30)
                #expect(again.gateways.first { $0.gateway_id == target.gateway_id }?.reissue_sheet == png)
                #expect(try await server.gatewaysOnServer().count == 30)
                try await expectVerifies(out, gateways: 30)
                #expect(try qrPayloadAndToken(of: package).token == new.token, "the re-run keeps the reissued package")
                #expect(try await server.redemptionStatus(new.token) == 200)
            }
        }
    }

    @Test("a batch never adopts another batch's gateways: taken names are refused before anything is created; corrected, the batch runs")
    func noAdoptionAcrossBatches() async throws {
        try await OnboardedBatch.with(count: 6, stations: Self.stations) { batch in
            let (server, csv) = (batch.server, batch.csv)
            let other = batch.workspace.root.appendingPathComponent("other-out")
            for attempt in 1...2 {
                let refused = await #expect(throws: OnboardingError.self, "attempt \(attempt)") {
                    try await server.onboard(csv, into: other)
                }
                guard case .invalidInput(let problems) = refused else {
                    Issue.record("expected invalid input, got \(String(describing: refused))")
                    return
                }
                #expect(problems.first == "gateways.csv:2: gateway name 'Gateway 01' is already taken in customer \(server.connection.customerID)", "\(problems)")
                #expect(problems.count == 7, "six taken names and what to do: \(problems)")
            }
            #expect(try await server.gatewaysOnServer().count == 6)
            let packages = (try? FileManager.default.contentsOfDirectory(atPath: other.appendingPathComponent("packages").path)) ?? []
            #expect(packages.isEmpty, "no package of the other batch was fetched")

            // Renamed rows: the same command into the same folder now runs.
            try writeCSV(gatewayRows(count: 6, stations: Self.stations).map { ["Other " + $0[0], $0[1], $0[2]] }, to: csv)
            let corrected = try await server.onboard(csv, into: other)
            #expect(corrected.gateways.map(\.name).allSatisfy { $0.hasPrefix("Other ") })
            #expect(try await server.gatewaysOnServer().count == 12)
            try await expectVerifies(other, gateways: 6)
            try await expectVerifies(batch.out, gateways: batch.manifest.gateways.count)
        }
    }

    @Test("verify: a redeemed label is a note, a voided or expired unredeemed one a problem")
    func verifyReportsSpentAndExpiredLabels() async throws {
        try await OnboardedBatch.with(count: 3, stations: Self.stations) { batch in
            let (server, out) = (batch.server, batch.out)
            var manifest = batch.manifest
            let lookup = StoredSpentTokens(store: server.store, customerID: manifest.customer_id)
            #expect(try await BatchVerifier(folder: out, spentTokens: lookup).verify().problems == [])

            let used = manifest.gateways[0]
            #expect(try await server.redemptionStatus(try qrPayloadAndToken(of: out.appendingPathComponent(used.package)).token) == 200)
            let afterRedeem = try await BatchVerifier(folder: out, spentTokens: lookup).verify()
            #expect(afterRedeem.problems == [], "a redeemed label is no problem: its gateway is provisioned")
            #expect(afterRedeem.notes.count == 1)
            #expect(afterRedeem.notes.first?.contains("\(used.name) redeemed the token on its label") == true, "\(afterRedeem.notes)")

            manifest.gateways[0].token_expires_at = 1_000
            manifest.gateways[1].token_expires_at = 1_000
            try manifest.write(to: out)
            let afterExpiry = try await BatchVerifier(folder: out, spentTokens: lookup).verify().problems
            #expect(afterExpiry.count == 1, "only the unredeemed expired label: \(afterExpiry)")
            #expect(afterExpiry.first?.hasPrefix("\(manifest.gateways[1].name): the token on its label expired") == true, "\(afterExpiry)")
            #expect(try await BatchVerifier(folder: out).verify().problems.count == 2, "without the store, both expired labels are reported")

            // A voided token on a sheet (a reissue whose new labels were not printed there) is a problem.
            let wifi = Components.Schemas.WifiCredentials(ssid: batchWiFi.ssid, password: batchWiFi.password, authenticationType: .wpa2)
            _ = try await server.connection.client.reissueGateway(
                path: .init(customerId: manifest.customer_id, gatewayId: manifest.gateways[2].gateway_id),
                body: .json(.init(wifi: wifi, packagePassword: packagePassword))
            ).ok
            let afterVoid = try await BatchVerifier(folder: out, spentTokens: lookup).verify().problems
            #expect(afterVoid.contains { $0.contains("the label of \(manifest.gateways[2].name) carries a voided token") }, "\(afterVoid)")
        }
    }

    @Test("reissue on a plain batch refuses to write a new WiFi password in clear, as onboard does; with a password it encrypts")
    func reissueRefusesClearTextWiFi() async throws {
        try await OnboardedBatch.with(count: 3, stations: Self.stations, wifi: nil, password: nil) { batch in
            let (server, out) = (batch.server, batch.out)
            let target = batch.manifest.gateways[1]
            let package = out.appendingPathComponent(target.package)
            let before = try Data(contentsOf: package)
            let newWiFi = WiFiOverride(ssid: "Net2", password: "Secret-WiFi-PW", authenticationType: .wpa2)

            let refused = await #expect(throws: OnboardingError.self) {
                try await GatewayReissue(connection: server.connection, folder: out, password: nil, wifi: newWiFi, allowUnencrypted: false)
                    .run(target.name, progress: ProgressReporter(interactive: false))
            }
            #expect(refused?.isInputError == true)
            #expect(refused?.description.contains("--package-password") == true, "\(refused.map(String.init(describing:)) ?? "")")
            #expect(try Data(contentsOf: package) == before, "nothing changed")
            #expect(try await server.gatewaysOnServer().first { $0.id == target.gateway_id }?.connectivityStatus == .registering)

            let outcome = try await GatewayReissue(connection: server.connection, folder: out, password: "new secret", wifi: newWiFi, allowUnencrypted: false)
                .run(target.name, progress: ProgressReporter(interactive: false))
            #expect(outcome.entry.encrypted)
            #expect(throws: (any Error).self, "readable without the password") { try ZipArchiveReaderProbe.read(package) }
            #expect(try ZipArchiveReaderProbe.network(package, password: "new secret")["password"] as? String == "Secret-WiFi-PW")
        }
    }
}

/// Rewrites `journal.jsonl` keeping the lines whose `kind` satisfies `keep` (simulates a crash).
func keepJournalLines(in folder: URL, where keep: (String) -> Bool) throws {
    let file = folder.appendingPathComponent("journal.jsonl")
    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
    let kept = try lines.filter { line in
        let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        return keep(record["kind"] as? String ?? "")
    }
    #expect(kept.count < lines.count)
    try Data((kept.joined(separator: "\n") + "\n").utf8).write(to: file)
}
