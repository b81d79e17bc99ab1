import Foundation
import InsightCore
import InsightMQTT
import InsightStore
import InsightTestSupport
import Testing

/// The demo as a user runs it, with the `insight` executable: onboard a batch, `insight serve`,
/// `insight simulate` the packages, see the scans in `GET /events` and the gateways `ACTIVE`;
/// then swap a device with `insight reissue`, after which the old package is locked out.
@Suite(.serialized) struct SimulateCommandTests {
    @Test func simulatedGatewaysDeliverTheirScansAndASwappedOutOneIsLockedOut() async throws {
        try await withTemporaryDirectory { folder in
            let httpPort = Int.random(in: 40_001...50_000), mqttPort = Int.random(in: 50_001...60_000)
            let csv = folder.appendingPathComponent("gateways.csv")
            try "name,usecase,station\nDock-1,Receiving,Dock\nDock-2,Receiving,Dock\n".write(to: csv, atomically: true, encoding: .utf8)
            let out = folder.appendingPathComponent("out").path
            let password = ["--package-password", "package-secret"]
            try insight(["onboard", csv.path, "--out", out, "--public-url", "http://127.0.0.1:\(httpPort)", "--mqtt-endpoint", "mqtts://127.0.0.1:\(mqttPort)"] + password)
            let dataDirectory = "\(out)/.insight"
            let log = folder.appendingPathComponent("serve.log")
            let server = try startServer(["serve", "--data-dir", dataDirectory, "--port", String(httpPort), "--mqtt-port", String(mqttPort)], log: log)
            defer { if server.isRunning { server.terminate() } }
            let serverLog = { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
            try await waitFor("the server to listen and the ingester to subscribe", diagnostics: serverLog) {
                TCPProbe.accepts(host: "127.0.0.1", port: httpPort) && serverLog().contains("The ingester subscribed")
            }

            let packages = "\(out)/packages"
            let run = try insight(["simulate", packages, "--scans", "25"] + password)
            #expect(run.stdoutText.contains("2 gateways published 50 scans; the broker acknowledged 50"), "\(run.stdoutText)")

            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/manifest.json"))) as? [String: Any]
            let customer = try #require(manifest?["customer_id"] as? String)
            let token = try insight(["token", "--data-dir", dataDirectory, "--customer", customer, "--email", "it@example.com"]).stdoutText
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let api = "http://127.0.0.1:\(httpPort)/\(customer)"
            // Waits on the database (no process per poll), then asks the API once.
            let ids = try await storedEventIDs(database: "\(dataDirectory)/insight.sqlite", customer: customer, count: 50)
            let listed = try items(api + "/events?limit=500", token: token)
            #expect(Set(listed.compactMap { $0["id"] as? String }) == ids)
            let gateways = try items(api + "/gateways", token: token)
            #expect(gateways.map { $0["connectivity_status"] as? String } == ["ACTIVE", "ACTIVE"])

            // Device swap: the old package keeps the certificate it redeemed; the broker refuses it.
            let oldPackage = try #require(try FileManager.default.contentsOfDirectory(atPath: packages).first { $0.hasPrefix("Dock-1") })
            let kept = folder.appendingPathComponent("old-\(oldPackage)")
            try FileManager.default.copyItem(atPath: "\(packages)/\(oldPackage)", toPath: kept.path)
            try insight(["reissue", "Dock-1", "--out", out] + password)
            try await waitFor("the broker to reload its CRLs", diagnostics: serverLog) {
                ((try? String(contentsOf: URL(fileURLWithPath: "\(dataDirectory)/mqtt/mosquitto.log"), encoding: .utf8)) ?? "").contains("Reloading config")
            }
            try FileManager.default.copyItem(atPath: "\(packages)/.simulator", toPath: folder.appendingPathComponent(".simulator").path)
            let refused = try runTool(insightExecutable(), ["simulate", kept.path, "--scans", "1"] + password)
            #expect(refused.status == 1)
            #expect(refused.stderrText.contains("certificate revoked"), "\(refused.stderrText)")
            let replaced = try insight(["simulate", "\(packages)/\(oldPackage)", "--scans", "1"] + password)
            #expect(replaced.stderrText.contains("redeemed its token"))

            server.terminate()
            server.waitUntilExit()
            #expect(server.terminationStatus == 0, "serve stops cleanly on SIGTERM")
            #expect(!(try runTool("pgrep", ["-f", "\(dataDirectory)/mqtt/mosquitto.conf"]).status == 0), "the broker stopped with the server")
        }
    }

    /// Runs `insight` with `arguments` and requires it to exit 0.
    @discardableResult
    private func insight(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> ToolResult {
        let result = try runTool(insightExecutable(), arguments)
        try #require(result.status == 0, "insight \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderrText)", sourceLocation: sourceLocation)
        return result
    }

    private func startServer(_ arguments: [String], log: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: insightExecutable())
        process.arguments = arguments
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// The ids of the customer's events once there are `count` of them, read from the server's
    /// SQLite database (WAL lets another process read it).
    private func storedEventIDs(database: String, customer: String, count: Int) async throws -> Set<String> {
        try await SQLStore.withStore(.sqlite(path: database)) { store in
            let query = EventQuery(start: Timestamp(rawValue: 0), end: Timestamp(rawValue: Int64(Date().timeIntervalSince1970 * 1000) + 60_000))
            var ids: Set<String> = []
            try await waitFor("\(count) events in the database") {
                ids = Set(try await store.events(customerID: customer, query: query, after: nil, limit: 500).items.map(\.id.lowercasedString))
                return ids.count >= count
            }
            return ids
        }
    }

    /// The `items` of a list operation.
    private func items(_ url: String, token: String) throws -> [[String: Any]] {
        let body = try runTool("curl", ["-sf", "-H", "Authorization: \(token)", url]).stdout
        return (try JSONSerialization.jsonObject(with: body) as? [String: Any])?["items"] as? [[String: Any]] ?? []
    }
}
