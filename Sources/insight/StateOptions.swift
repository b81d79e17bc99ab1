import ArgumentParser
import Foundation
import InsightAuth
import InsightStore

/// The options of every command that touches state: where the data directory and database are.
struct StateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The data directory (keys, SQLite database, CA).", valueName: "dir"))
    var dataDir: String = ProcessInfo.processInfo.environment["INSIGHT_DATA_DIR"] ?? "out/.insight"

    @Option(help: ArgumentHelp(
        "sqlite://PATH or postgres://USER:PASS@HOST:PORT/DB (default: sqlite://<data-dir>/insight.sqlite).",
        valueName: "url"
    ))
    var database: String?

    var dataDirectory: URL { URL(fileURLWithPath: dataDir, isDirectory: true) }

    /// The database URL: the option, else `INSIGHT_DATABASE_URL`, else SQLite in the data directory.
    var databaseURL: String {
        database ?? ProcessInfo.processInfo.environment["INSIGHT_DATABASE_URL"]
            ?? "sqlite://\(dataDirectory.appendingPathComponent("insight.sqlite").path)"
    }

    /// Creates the data directory (mode 0700), runs `body` with the store opened and migrated, and
    /// shuts the store down afterwards, also when `body` throws.
    func withStore<Result>(_ body: (SQLStore) async throws -> Result) async throws -> Result {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let location: DatabaseLocation
        do {
            location = try DatabaseLocation(url: databaseURL)
        } catch {
            throw ValidationError("\(error)")
        }
        return try await SQLStore.withStore(location, body)
    }

    func loadIssuer() async throws -> TokenIssuer {
        try await TokenIssuer.load(dataDirectory: dataDirectory)
    }
}
