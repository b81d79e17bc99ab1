import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import InsightAPI
import InsightCore
import InsightTestSupport
import Testing

@Suite("Event exports and export tasks")
struct ExportAPITests {
    /// Three events at `now - 3000`, `- 2000`, `- 1000` whose codes a spreadsheet would misread.
    static func ingestTrickyEvents(_ harness: APIHarness, client: any TestClientProtocol, now: Int64) async throws -> [String] {
        let gateway = try #require(try await harness.createGateways(["GW"], client: client).first)
        var formula = scanEvent(gatewayID: gateway, created: now - 3000)
        formula["scan_code"] = "=HYPERLINK(\"http://evil.example\",\"x\")"
        var quoted = scanEvent(gatewayID: gateway, created: now - 2000)
        quoted["scan_code"] = "a,b \"c\""
        quoted["device_temperature"] = -5.5
        var minus = scanEvent(gatewayID: gateway, created: now - 1000)
        minus["scan_code"] = "-42"
        try await harness.ingest([minus, formula, quoted])
        return [formula, quoted, minus].map { $0["id"] as! String }
    }

    /// The rows of a CSV file as Python's csv module reads them (a real reader, not ours).
    static func csvRows(_ data: Data) throws -> [[String]] {
        let script = "import csv,io,json,sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.buffer.read().decode('utf-8'), newline='')))))"
        let result = try runTool("python3", ["-c", script], stdin: data)
        try #require(result.status == 0, "\(result.stderrText)")
        return try JSONDecoder().decode([[String]].self, from: result.stdout)
    }

    @Test("GET /events/export writes a CSV that spreadsheets read safely and answers 201 with a signed link", arguments: TestDatabase.allCases)
    func exportNow(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let reader = try await harness.token(harness.reader)
            let base = "/\(harness.admin.customerID)/events/export"
            try await harness.test { client in
                let now = Timestamp(Date()).rawValue
                let ids = try await Self.ingestTrickyEvents(harness, client: client, now: now)
                let answer = try await client.send(.get, "\(base)?start_time_millis=\(now - 10_000)&end_time_millis=\(now)", token: reader)
                #expect(answer.status == .created)
                let link = try #require(answer.object["download_link"] as? String)
                #expect(link.hasPrefix("https://insight.example/exports/"))

                let file = try await client.get(link: link)
                #expect(file.status == .ok)
                #expect(file.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(file.headers[.contentDisposition] == "attachment; filename=\"events-\(now - 10_000)-\(now).csv\"; filename*=UTF-8''events-\(now - 10_000)-\(now).csv")
                let rows = try Self.csvRows(file.data)
                #expect(rows.first?.prefix(4) == ["id", "class", "type", "created"])
                #expect(rows.dropFirst().map { $0[0] } == ids, "one row per event, in time order")
                let code = try #require(rows.first?.firstIndex(of: "scan_code"))
                let temperature = try #require(rows.first?.firstIndex(of: "device_temperature"))
                #expect(rows[1][code] == "'=HYPERLINK(\"http://evil.example\",\"x\")", "a formula is shown as text")
                #expect(rows[2][code] == "a,b \"c\"" && rows[2][temperature] == "-5.5", "quotes and commas survive; numbers stay numbers")
                #expect(rows[3][code] == "'-42")
                #expect(file.data.starts(with: Data("id,class,type,created".utf8)) && String(decoding: file.data, as: UTF8.self).contains("\r\n"))

                let empty = try await client.send(.get, "\(base)?start_time_millis=1&end_time_millis=2", token: reader)
                #expect(try Self.csvRows(try await client.get(link: try #require(empty.object["download_link"] as? String)).data).count == 1, "the header row alone")
                let backwards = try await client.send(.get, "\(base)?start_time_millis=2&end_time_millis=1", token: reader)
                #expect(backwards.status == .badRequest && backwards.details.contains("end_time_millis"))
                #expect(try await client.send(.get, base, token: try await harness.token(harness.otherAdmin)).status == .forbidden)
            }
        }
    }

    @Test("links: a changed signature or expiry is 403, an unknown export 404", arguments: [TestDatabase.sqlite])
    func links(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            try await harness.test { client in
                let answer = try await client.send(.get, "/\(harness.admin.customerID)/events/export", token: try await harness.token(harness.admin))
                let link = try pathAndQuery(of: try #require(answer.object["download_link"] as? String))
                #expect(try await client.send(.get, link).status == .ok, "public: no IdToken needed")
                let tampered = link.replacingOccurrences(of: "signature=", with: "signature=A")
                #expect(try await client.send(.get, tampered).status == .forbidden)
                let later = link.replacingOccurrences(of: "expires=", with: "expires=9")
                #expect(try await client.send(.get, later).status == .forbidden)
                let key = try #require(try await harness.secrets.secret(named: SharedStateName.packageLinkKey))
                let signer = DownloadLinkSigner(key: key, collection: "exports")
                let future = Timestamp(rawValue: Timestamp(Date()).rawValue + 60_000)
                #expect(try await client.send(.get, signer.path(id: UUID(), expires: future)).status == .notFound)
                let expired = signer.path(id: try #require(UUID(uuidString: String(link.dropFirst("/exports/".count).prefix(36)))), expires: Timestamp(rawValue: 1))
                #expect(try await client.send(.get, expired).status == .forbidden)
                let packageSigner = DownloadLinkSigner(key: key, collection: "packages")
                let crossed = "/exports/" + packageSigner.path(id: UUID(), expires: future).dropFirst("/packages/".count)
                #expect(try await client.send(.get, crossed).status == .forbidden, "a package signature opens no export")
            }
        }
    }

    @Test("tasks: 202, PENDING until a worker makes it, then SUCCESSFUL with a fresh link; kept in the database for any server", arguments: TestDatabase.allCases)
    func tasks(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)/events/export/tasks"
            try await harness.test { client in
                let now = Timestamp(Date()).rawValue
                let ids = try await Self.ingestTrickyEvents(harness, client: client, now: now)
                let accepted = try await client.send(.post, "\(base)?start_time_millis=\(now - 10_000)&end_time_millis=\(now)", token: admin)
                #expect(accepted.status == .accepted)
                let task = try #require(accepted.object["task"] as? String)
                let requested = try #require(accepted.object["requested"] as? String)
                #expect(requested.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$"#, options: .regularExpression) != nil, "\(requested)")

                let pending = try await client.send(.get, "\(base)/\(task)", token: admin)
                #expect(pending.status == .ok)
                #expect(pending.object["status"] as? String == "PENDING" && pending.object["completed"] as? Bool == false)
                #expect(pending.object["download_link"] == nil)

                // Another server process on the same database (a new composition root) makes it,
                // with whatever else waits there (the store tests share the PostgreSQL database).
                let otherProcess = InsightServer(store: harness.store, verifier: harness.server.verifier, provisioning: harness.server.provisioning)
                var steps = 0
                while try await otherProcess.exportWorker.step() { steps += 1 }
                #expect(steps >= 1)

                let done = try await client.send(.get, "\(base)/\(task)", token: try await harness.token(harness.reader))
                #expect(done.object["status"] as? String == "SUCCESSFUL" && done.object["completed"] as? Bool == true)
                let link = try #require(done.object["download_link"] as? String)
                let rows = try Self.csvRows(try await client.get(link: link).data)
                #expect(rows.dropFirst().map { $0[0] } == ids)
                #expect(try await client.send(.get, "\(base)/\(task)", token: admin).object["download_link"] is String, "each call makes a link")

                let other = try await harness.token(harness.otherAdmin)
                #expect(try await client.send(.get, "/\(harness.otherAdmin.customerID)/events/export/tasks/\(task)", token: other).status == .notFound)
                #expect(try await client.send(.get, "\(base)/\(task)", token: other).status == .forbidden)
                #expect(try await client.send(.get, "\(base)/\(UUID().uuidString)", token: admin).status == .notFound)
                #expect(try await client.send(.get, "\(base)/not-a-task", token: admin).status == .notFound)
                #expect(try await client.send(.post, "\(base)?start_time_millis=2&end_time_millis=1", token: admin).status == .badRequest)
            }
        }
    }
}
