import Foundation
import InsightCore
import InsightStore
import InsightTestSupport
import Testing

/// `insight events import` as a user runs it: the built executable on a JSON-lines file.
@Suite("insight events import")
struct EventImportCommandTests {
    @Test("stores the good lines, reports each bad one as FILE:LINE, prints counts, exits 2; a re-run stores nothing twice", arguments: TestDatabase.allCases)
    func importFile(database: TestDatabase) async throws {
        try await withTemporaryDirectory { directory in
            let location = try database.location(sqliteFile: directory.appendingPathComponent("insight.sqlite"))
            let customer = Customer(id: UUID().uuidString.lowercased(), name: "Import", created: Timestamp(Date()))
            let gateway = makeGateway("GW", in: customer)
            try await SQLStore.withStore(location) { store in
                try await store.insert(customer)
                try await store.insert([gateway])
            }
            let now = Timestamp(Date()).rawValue
            func line(_ id: UUID = UUID(), created: Int64, gateway: String = gateway.thingName) -> String {
                #"{"id":"\#(id.uuidString.lowercased())","class":"event","type":"scan","created":\#(created),"gateway_id":"\#(gateway)","device_id":"M2MR1","device_battery":50}"#
            }
            let repeated = UUID()
            let lines = [
                line(repeated, created: now - 3000),                     // 1
                "",                                                      // 2: blank, skipped
                #"{"id": "#,                                             // 3: not JSON
                line(created: now / 1000),                               // 4: seconds
                line(created: now, gateway: UUID().uuidString),          // 5: unknown gateway
                line(repeated, created: now),                            // 6: repeated id
                line(created: now - 1000) + "\r",                        // 7: CRLF
            ]
            let file = directory.appendingPathComponent("events.jsonl")
            try Data(lines.joined(separator: "\n").utf8).write(to: file)
            let arguments = ["events", "import", file.path, "--customer", customer.id, "--data-dir", directory.path] + databaseArguments(database)

            let first = try runTool(insightExecutable(), arguments)
            #expect(first.status == 2, "\(first.stderrText)")
            #expect(first.stdoutText.contains("3 events stored, 1 duplicate not stored again, 2 bad lines"), "\(first.stdoutText)")
            let problems = first.stderrText.split(separator: "\n").filter { $0.hasPrefix("\(file.path):") }
            #expect(problems.count == 2, "\(first.stderrText)")
            #expect(problems.first?.hasPrefix("\(file.path):3: ") == true)
            #expect(problems.last?.hasPrefix("\(file.path):5: gateway_id") == true)

            let events = try await SQLStore.withStore(location) { store in
                try await store.events(customerID: customer.id, query: EventQuery(start: Timestamp(rawValue: 0), end: Timestamp(rawValue: .max)), after: nil, limit: 10).items
            }
            #expect(events.count == 3)
            #expect(events.contains { $0.created.rawValue == now / 1000 * 1000 })
            #expect(events.first { $0.id == repeated }?.created.rawValue == now - 3000)

            let good = directory.appendingPathComponent("good.jsonl")
            try Data([line(repeated, created: now), line(created: now)].joined(separator: "\n").utf8).write(to: good)
            let second = try runTool(insightExecutable(), ["events", "import", good.path, "--customer", customer.id, "--data-dir", directory.path] + databaseArguments(database))
            #expect(second.status == 0, "\(second.stderrText)")
            #expect(second.stdoutText.contains("1 event stored, 1 duplicate not stored again, 0 bad lines"), "\(second.stdoutText)")

            let unknown = try runTool(insightExecutable(), ["events", "import", good.path, "--customer", "nobody", "--data-dir", directory.path] + databaseArguments(database))
            #expect(unknown.status == 2)
            #expect(unknown.stderrText.contains("no customer 'nobody'"), "\(unknown.stderrText)")
            let missing = try runTool(insightExecutable(), ["events", "import", directory.appendingPathComponent("none.jsonl").path, "--customer", customer.id, "--data-dir", directory.path] + databaseArguments(database))
            #expect(missing.status == 2)
            #expect(missing.stderrText.contains("Cannot read"), "\(missing.stderrText)")
        }
    }

    /// `--database` for PostgreSQL; SQLite is the data directory's own file.
    private func databaseArguments(_ database: TestDatabase) -> [String] {
        guard database == .postgres, case .postgres(let url) = try? database.location() else { return [] }
        return ["--database", url]
    }
}
