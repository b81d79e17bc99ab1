import ArgumentParser
import Foundation
import InsightCore
import InsightProvisioning
import InsightStore

/// The options of every command that touches state: where the data directory and database are.
///
/// The data directory is `--data-dir`, else `INSIGHT_DATA_DIR`, else the command's default: for
/// the batch commands `<out>/.insight`, so that a batch's keys and database live with its output
/// folder wherever the command runs from; for `serve` and `token` `out/.insight`.
struct StateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The data directory: keys, CA, SQLite database (default: <out>/.insight for batch commands, out/.insight otherwise; also INSIGHT_DATA_DIR).", valueName: "dir"))
    var dataDir: String?

    @Option(help: ArgumentHelp(
        "sqlite://PATH or postgres://USER:PASS@HOST:PORT/DB (default: sqlite://<data-dir>/insight.sqlite; also INSIGHT_DATABASE_URL).",
        valueName: "url"
    ))
    var database: String?

    @Option(help: ArgumentHelp(
        "The master key that seals packages and keys in the database: a file of at least 32 random bytes in base64 (openssl rand -base64 32); every process on one database needs the same (default: <data-dir>/master.key; also INSIGHT_MASTER_KEY_FILE).",
        valueName: "file"
    ))
    var masterKeyFile: String?

    /// The data directory and database these options name, with `defaultDataDirectory` where
    /// neither `--data-dir` nor `INSIGHT_DATA_DIR` is given.
    func resolved(defaultDataDirectory: URL = URL(fileURLWithPath: "out/.insight", isDirectory: true)) -> DataState {
        let directory = (dataDir ?? ProcessInfo.processInfo.environment["INSIGHT_DATA_DIR"])
            .map { URL(fileURLWithPath: $0, isDirectory: true) } ?? defaultDataDirectory
        let url = database ?? ProcessInfo.processInfo.environment["INSIGHT_DATABASE_URL"]
            ?? "sqlite://\(directory.appendingPathComponent("insight.sqlite").path)"
        let masterKey = (masterKeyFile ?? ProcessInfo.processInfo.environment["INSIGHT_MASTER_KEY_FILE"]).map { URL(fileURLWithPath: $0) }
        return DataState(dataDirectory: directory, databaseURL: url, masterKeyFile: masterKey)
    }
}

/// Where one command keeps its state: the database (with the keys and CAs every process on it
/// shares) and the data directory (the SQLite file by default, the master key by default).
struct DataState {
    let dataDirectory: URL
    let databaseURL: String
    /// The master key file given, or nil for the data directory's own.
    let masterKeyFile: URL?

    /// Creates the data directory (mode 0700), runs `body` with the store opened and migrated, and
    /// shuts the store down afterwards, also when `body` throws.
    func withStore<Result>(_ body: (SQLStore) async throws -> Result) async throws -> Result {
        let location: DatabaseLocation
        do {
            location = try DatabaseLocation(url: databaseURL)
        } catch {
            throw CommandFailure("\(error)")
        }
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return try await SQLStore.withStore(location, body)
    }

    /// Whether the database exists already (always assumed for a server database), so that a
    /// command that only reads does not create one.
    var holdsDatabase: Bool {
        guard case .sqlite(let path)? = try? DatabaseLocation(url: databaseURL) else { return true }
        return FileManager.default.fileExists(atPath: path)
    }

    /// The shared keys and CAs of `store` under this state's master key, bringing in the data
    /// directory's older key files (each import, and each file that differs from the database's,
    /// is said on standard error).
    ///
    /// - Throws: `CommandFailure` (exit 1) for an unusable master key or one that is not the database's.
    func secrets(of store: any SharedStateStore) async throws -> SharedSecrets {
        do {
            let (secrets, imported) = try await SharedSecrets.open(store, dataDirectory: dataDirectory, masterKeyFile: masterKeyFile)
            for line in imported.lines { printToStandardError("insight: \(line)") }
            return secrets
        } catch let error as MasterKeyError {
            throw CommandFailure("\(error)", exitCode: 1)
        } catch let error as MasterKeyMismatch {
            throw CommandFailure("\(error)", exitCode: 1)
        }
    }
}
