import ArgumentParser
import Foundation
import InsightCore

/// `insight master-key`: what concerns the master key that seals the database's keys.
struct MasterKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "master-key",
        abstract: "Manage the master key that seals the keys, CAs and packages in the database.",
        subcommands: [Rotate.self]
    )

    /// `insight master-key rotate`: rewraps the database's data key under a new master key.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal the database's keys under a new master key.",
            discussion: """
                Takes the current master key as every command does (--master-key-file, INSIGHT_MASTER_KEY_FILE, or the data \
                directory's own) and the new one with --new-master-key-file. Rewraps the data key (envelope encryption: \
                nothing else needs re-encrypting) and reseals packages stored before envelope encryption. Running \
                instances keep working; give each the new key before its next start. With the data directory's own \
                key, the new key replaces <data-dir>/master.key.
                """
        )

        @OptionGroup var state: StateOptions

        @Option(help: ArgumentHelp("The new master key: a file of at least 32 random bytes in base64 (openssl rand -base64 32).", valueName: "file"))
        var newMasterKeyFile: String

        func run() async throws {
            let state = self.state.resolved()
            guard state.holdsDatabase else { throw CommandFailure("There is no database at \(state.dataDirectory.path): give --data-dir or --database.") }
            let newFile = URL(fileURLWithPath: newMasterKeyFile)
            let report = try await state.withStore { store in
                do {
                    let old = try state.masterKeyFile.map(MasterKey.load(from:)) ?? MasterKey.load(from: state.dataDirectory.appendingPathComponent(MasterKey.defaultFileName))
                    let new = try MasterKey.load(from: newFile)
                    return try await MasterKeyRotation.rotate(state: store, provisioning: store, from: old, to: new)
                } catch let error as MasterKeyError {
                    throw CommandFailure("\(error)", exitCode: 1)
                } catch let error as MasterKeyMismatch {
                    throw CommandFailure("\(error)", exitCode: 1)
                } catch let error as InsightError {
                    throw CommandFailure(error.details, exitCode: 1)
                }
            }
            if state.masterKeyFile == nil {
                try SecretFile.write(Data(contentsOf: newFile), to: state.dataDirectory.appendingPathComponent(MasterKey.defaultFileName))
            }
            print("The database's keys are sealed under \(state.masterKeyFile == nil ? "\(newFile.path), copied to the data directory's master.key" : newFile.path) now (\(report.resealed) older packages and PKCS#12 files resealed). Give every instance the new key before its next start.")
        }
    }
}
