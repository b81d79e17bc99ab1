import Foundation
import InsightCore

/// Brings the keys and CAs that data directories held before the database kept them into the
/// database's shared state, on every start, never overwriting what the database holds:
///
/// ```
/// <data-dir>/idtoken-signing-key.pem                          → keys/idtoken-signing-key
/// <data-dir>/package-link.key                                 → keys/package-link-key
/// <data-dir>/pki/root-ca.pem, root-ca.key                     → ca/root
/// <data-dir>/pki/customers/<customer>/issuing-ca.pem, .key    → ca/issuing/<customer>
/// <data-dir>/pki/root-crl.pem, customers/<customer>/crl.pem   → crl/… (with crl.number)
/// ```
/// The files stay where they are; once imported they are no longer read, and the report tells
/// that they can be deleted.
public enum DataDirectoryImport {
    /// What an import found.
    public struct Report: Sendable, Equatable {
        /// Files whose content the database holds now and did not before.
        public var imported: [String] = []
        /// Files whose content differs from what the database already holds (the database's wins).
        public var conflicting: [String] = []

        /// One line per finding, for the console; empty when there is nothing to say.
        public var lines: [String] {
            imported.map { "imported \($0) into the database (which now keeps it sealed); the file is no longer read and can be deleted" }
                + conflicting.map { "\($0) differs from what the database holds, which every instance uses; the file is ignored" }
        }
    }

    public static func run(from dataDirectory: URL, into secrets: SharedSecrets) async throws -> Report {
        var report = Report()
        /// Whether the database holds the files' content now.
        @discardableResult
        func bring(_ files: [URL], as name: String, content: () throws -> Data) async throws -> Bool {
            guard files.allSatisfy({ FileManager.default.fileExists(atPath: $0.path) }) else { return false }
            let data = try content()
            let label = files.map(\.path).joined(separator: " and ")
            if try await secrets.insertSecret(data, named: name) {
                report.imported.append(label)
            } else if try await secrets.secret(named: name) != data {
                report.conflicting.append(label)
                return false
            }
            return true
        }
        for (fileName, name) in [("idtoken-signing-key.pem", SharedStateName.idTokenSigningKey), ("package-link.key", SharedStateName.packageLinkKey)] {
            let file = dataDirectory.appendingPathComponent(fileName)
            try await bring([file], as: name) { try Data(contentsOf: file) }
        }
        let pki = dataDirectory.appendingPathComponent("pki", isDirectory: true)
        var authorities = [(base: pki.appendingPathComponent("root-ca"), crl: pki.appendingPathComponent("root-crl.pem"), name: SharedStateName.rootAuthority)]
        let customers = pki.appendingPathComponent("customers", isDirectory: true)
        for folder in (try? FileManager.default.contentsOfDirectory(at: customers, includingPropertiesForKeys: nil)) ?? [] {
            authorities.append((
                folder.appendingPathComponent("issuing-ca"), folder.appendingPathComponent("crl.pem"),
                SharedStateName.issuingAuthority(customerID: folder.lastPathComponent)
            ))
        }
        for authority in authorities.sorted(by: { $0.name < $1.name }) {
            let certificate = authority.base.appendingPathExtension("pem")
            let key = authority.base.appendingPathExtension("key")
            let held = try await bring([certificate, key], as: authority.name) {
                try StoredAuthority(certificate: String(contentsOf: certificate, encoding: .utf8), privateKey: String(contentsOf: key, encoding: .utf8)).encoded()
            }
            // A CRL of another CA than the database's would revoke nothing and break the broker.
            guard held else { continue }
            try await bringRevocationList(authority.crl, of: authority.name, into: secrets.state)
        }
        return report
    }

    /// Stores the CRL at `file` unless the database holds one with a number as high, and lifts
    /// the CA's CRL number counter to its number, so that the next CRL's number is higher.
    private static func bringRevocationList(_ file: URL, of authority: String, into state: any SharedStateStore) async throws {
        let numberFile = file.deletingLastPathComponent().appendingPathComponent("crl.number")
        guard let pem = try? Data(contentsOf: file),
              let number = (try? String(contentsOf: numberFile, encoding: .utf8)).flatMap({ Int64($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        else { return }
        try await state.storeSharedValue(pem, named: SharedStateName.revocationList(of: authority), ifNewerThanStored: number)
        _ = try await state.nextCounterValue(named: SharedStateName.revocationListNumber(of: authority), atLeast: number)
    }
}

extension SharedSecrets {
    /// The shared secrets of `state` under the master key in `masterKeyFile`, or the data
    /// directory's own (`<data-dir>/master.key`, made when missing), with the data directory's
    /// keys and CAs from before the database kept them brought in (`DataDirectoryImport`).
    ///
    /// - Throws: `MasterKeyError` for an unusable key file, `MasterKeyMismatch` when the database's
    ///   keys are sealed under another master key, or the database's error.
    public static func open(
        _ state: any SharedStateStore, dataDirectory: URL, masterKeyFile: URL?
    ) async throws -> (secrets: SharedSecrets, imported: DataDirectoryImport.Report) {
        let masterKey = try masterKeyFile.map(MasterKey.load(from:)) ?? MasterKey.loadOrCreate(inDataDirectory: dataDirectory)
        let secrets = try await open(state, masterKey: masterKey)
        return (secrets, try await DataDirectoryImport.run(from: dataDirectory, into: secrets))
    }
}
