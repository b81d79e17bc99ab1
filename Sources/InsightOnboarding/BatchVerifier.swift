import Foundation
import InsightCore

/// `insight verify`: decodes every QR code on every sheet back (with `zbarimg`) and checks every
/// package against the manifest's hash.
public struct BatchVerifier: Sendable {
    /// What a verification found.
    public struct Report: Sendable {
        public var checkedPackages = 0
        public var decodedCodes = 0
        public var sheets = 0
        public var problems: [String] = []
        public var passed: Bool { problems.isEmpty }
    }

    let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// Verifies the batch in the folder.
    ///
    /// - Throws: `OnboardingError.missingManifest`, or when `zbarimg` cannot be run.
    public func verify() async throws -> Report {
        let manifest = try Manifest.load(from: folder)
        var report = Report()
        for entry in manifest.gateways {
            let file = folder.appendingPathComponent(entry.package)
            guard let data = try? Data(contentsOf: file) else {
                report.problems.append("\(entry.package): missing (gateway \(entry.name))")
                continue
            }
            let hash = data.sha256Hex
            if hash != entry.package_sha256 { report.problems.append("\(entry.package): SHA-256 \(hash) differs from the manifest's \(entry.package_sha256)") }
            report.checkedPackages += 1
        }
        var expected: [String: Set<String>] = [:]
        for entry in manifest.gateways {
            if let sheet = entry.sheet { expected[sheet, default: []].insert(entry.qr_payload_sha256) }
            if let sheet = entry.reissue_sheet { expected[sheet, default: []].insert(entry.qr_payload_sha256) }
        }
        for sheet in manifest.sheets {
            let decoded = try decode(sheet)
            report.sheets += 1
            report.decodedCodes += decoded.count
            let hashes = Set(decoded.map { Data($0.utf8).sha256Hex })
            let wanted = expected[sheet] ?? []
            let missing = wanted.subtracting(hashes).count
            let unexpected = hashes.subtracting(wanted).count
            if missing > 0 { report.problems.append("\(sheet): \(missing) of \(wanted.count) labels do not decode to their gateway's current code") }
            if unexpected > 0 { report.problems.append("\(sheet): \(unexpected) codes belong to no current gateway (stale after a reissue? run insight sheets)") }
        }
        return report
    }

    /// The payloads `zbarimg` decodes from `sheet`, one per code.
    private func decode(_ sheet: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["zbarimg", "--raw", "-q", "-Sqrcode.enable", folder.appendingPathComponent(sheet).path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw OnboardingError.packageUnreadable(path: sheet, reason: "zbarimg could not be started (apt-get install zbar-tools): \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // zbarimg exits 4 when it finds no code at all; that is a finding, not a failure to run.
        guard process.terminationStatus == 0 || process.terminationStatus == 4 else {
            throw OnboardingError.packageUnreadable(path: sheet, reason: "zbarimg failed with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
