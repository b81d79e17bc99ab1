import ArgumentParser
import Foundation
import InsightCore
import InsightStore

/// `insight bench`: prints the performance figures the issues ask for.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print performance figures.",
        subcommands: [BenchStore.self, BenchOnboard.self, BenchAPI.self, BenchMQTT.self]
    )
}

/// `insight bench store`: gateway bulk-create and paging on SQLite and optionally PostgreSQL.
struct BenchStore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Gateway bulk-create and paging, on SQLite and optionally PostgreSQL."
    )

    @Option(help: ArgumentHelp("Also measure on this PostgreSQL database (its gateways table grows by the run).", valueName: "url"))
    var postgres: String?

    @Option(help: "How many gateways the paging figure pages through.")
    var gateways: Int = 100_000

    func run() async throws {
        print("gateway store figures (through GatewayService, without HTTP); goals on SQLite: bulk-create 500 <= 100 ms, page p99 <= 20 ms")
        try await BenchDatabases.each(postgres: postgres) { name, store, _, _ in
            print("\(name): \(try await GatewayBenchmark(store: store, gatewayCount: gateways).run())")
        }
    }
}

/// The databases a benchmark measures on, one after the other.
enum BenchDatabases {
    /// Runs `body` with an SQLite store in a new temporary folder, then with the PostgreSQL
    /// database at `postgres` when given: each with its name, its location and a data folder of
    /// its own. The temporary folder is removed afterwards.
    static func each(
        postgres: String?, _ body: (_ name: String, _ store: SQLStore, _ location: DatabaseLocation, _ dataDirectory: URL) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insight-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var targets: [(name: String, location: DatabaseLocation)] = [("sqlite", .sqlite(path: directory.appendingPathComponent("insight.sqlite").path))]
        if let postgres { targets.append(("postgres", try DatabaseLocation(url: postgres))) }
        for (name, location) in targets {
            let folder = directory.appendingPathComponent(name, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try await SQLStore.withStore(location) { store in try await body(name, store, location, folder) }
        }
    }
}

/// Measures bulk-create and paging on one store, in a customer of its own.
struct GatewayBenchmark {
    let store: SQLStore
    let gatewayCount: Int

    struct Figures: CustomStringConvertible {
        var bulkCreateMilliseconds: [Double]
        var pageMilliseconds: [Double]

        var description: String {
            Samples(bulkCreateMilliseconds).summary("bulk-create 500") + "; "
                + Samples(pageMilliseconds).summary("page of 500 out of \(bulkCreateMilliseconds.count * 500)")
        }
    }

    func run() async throws -> Figures {
        let accounts = AccountService(customers: store, users: store)
        let admin = try await accounts.ensureUser(customer: .new, email: "bench@example.com", role: .admin)
        let principal = Principal(userID: admin.id, customerID: admin.customerID, email: admin.email, roles: admin.roles)
        let service = GatewayService(store: store)
        var figures = Figures(bulkCreateMilliseconds: [], pageMilliseconds: [])
        for batch in 0..<(gatewayCount / 500) {
            let drafts = (0..<500).map { GatewayDraft(name: "GW-\(batch)-\($0)", usecase: "Picking", station: "Station\($0 % 12)") }
            let started = ContinuousClock.now
            _ = try await service.bulkCreate(principal, customerID: admin.customerID, drafts: drafts)
            figures.bulkCreateMilliseconds.append(milliseconds(since: started))
        }
        for _ in 0..<2 {
            var next: String?
            repeat {
                let started = ContinuousClock.now
                let page = try await service.list(principal, customerID: admin.customerID, page: PageRequest(limit: 500, nextToken: next))
                figures.pageMilliseconds.append(milliseconds(since: started))
                next = page.next?.token
            } while next != nil
        }
        return figures
    }

    private func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
