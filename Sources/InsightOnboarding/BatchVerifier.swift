import Foundation
import InsightBarcodes
import InsightCore
import InsightSheets

/// `insight verify`: decodes every QR code on every label file back (PNG with `zbarimg`, PDF
/// rasterised by `pdftoppm`, ZPL through its graphic fields) and checks every package against
/// the manifest's hash. Every label file in `sheets/` and `labels/` is checked, also those the
/// manifest does not list (a void label left from an earlier reissue is a problem). Where the
/// batch's store is at hand, a label whose token was voided is a problem and one whose token was
/// redeemed (its gateway is provisioned) is a note; a label whose token expired unredeemed is a
/// problem (without the store, any expired one is).
public struct BatchVerifier: Sendable {
    /// What a verification found.
    public struct Report: Sendable {
        public var checkedPackages = 0
        public var decodedCodes = 0
        public var sheets = 0
        public var problems: [String] = []
        /// Facts that need no action, such as labels whose gateways redeemed them.
        public var notes: [String] = []
        public var passed: Bool { problems.isEmpty }
    }

    let folder: URL
    /// Where the tokens' states are known; nil when they cannot be (a remote batch).
    let spentTokens: (any SpentTokenLookup)?

    public init(folder: URL, spentTokens: (any SpentTokenLookup)? = nil) {
        self.folder = folder
        self.spentTokens = spentTokens
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
            let files = [entry.sheet, entry.reissue_sheet].compactMap { $0 } + (entry.prints ?? []) + (entry.reissue_prints ?? [])
            for file in files { expected[file, default: []].insert(entry.qr_payload_sha256) }
        }
        var printedTokens: [String: (sheet: String, payloadHash: String)] = [:]
        for sheet in try sheetFiles(listed: manifest.sheets) {
            let payloads: [String]
            do {
                payloads = try decode(sheet)
            } catch let error as SheetError {
                report.problems.append("\(sheet): \(error)")
                continue
            }
            let decoded = payloads.map { (payload: $0, hash: Data($0.utf8).sha256Hex) }
            for code in decoded {
                if let token = Self.token(inPayload: code.payload) { printedTokens[token] = (sheet, code.hash) }
            }
            report.sheets += 1
            report.decodedCodes += decoded.count
            let hashes = Set(decoded.map(\.hash))
            let wanted = expected[sheet] ?? []
            let missing = wanted.subtracting(hashes).count
            let unexpected = hashes.subtracting(wanted).count
            if missing > 0 { report.problems.append("\(sheet): \(missing) of \(wanted.count) labels do not decode to their gateway's current code") }
            if !manifest.sheets.contains(sheet) {
                report.problems.append("\(sheet): not a sheet of this batch's manifest; its \(decoded.count) codes are no gateway's current code (a void label from an earlier reissue?): delete it")
            } else if unexpected > 0 {
                report.problems.append("\(sheet): \(unexpected) codes belong to no current gateway (stale after a reissue? run insight sheets)")
            }
        }
        var redeemed = Set<String>()
        if let spentTokens, !printedTokens.isEmpty {
            let entries = Dictionary(manifest.gateways.map { ($0.qr_payload_sha256, $0) }, uniquingKeysWith: { first, _ in first })
            for (token, state) in try await spentTokens.spent(Array(printedTokens.keys)).sorted(by: { $0.key < $1.key }) {
                guard let printed = printedTokens[token] else { continue }
                let entry = entries[printed.payloadHash]
                let name = entry?.name ?? "an unknown gateway"
                switch state {
                case .redeemed:
                    redeemed.insert(printed.payloadHash)
                    report.notes.append("\(printed.sheet): \(name) redeemed the token on its label (the gateway is provisioned; the label is spent)")
                case .voided:
                    let reissue = entry.map { "; run insight sheets, or insight reissue \(SupportCode.make(gatewayID: $0.gateway_id)) for a new label" } ?? ""
                    report.problems.append("\(printed.sheet): the label of \(name) carries a voided token\(reissue)")
                }
            }
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        for entry in manifest.gateways where entry.token_expires_at > 0 && entry.token_expires_at <= now && !redeemed.contains(entry.qr_payload_sha256) {
            let expiry = Date(timeIntervalSince1970: Double(entry.token_expires_at) / 1000).formatted(.iso8601)
            let unless = spentTokens == nil ? " (unless the gateway redeemed it before)" : ""
            report.problems.append("\(entry.name): the token on its label expired at \(expiry)\(unless); run insight reissue \(SupportCode.make(gatewayID: entry.gateway_id)) for a new label")
        }
        return report
    }

    /// The token in a provisioning QR payload (`…/provisioning#token=<token>`), if any.
    static func token(inPayload payload: String) -> String? {
        guard let range = payload.range(of: "#token=") else { return nil }
        return String(payload[range.upperBound...])
    }

    /// The manifest's label files, then every other label file in `sheets/` and `labels/`, as
    /// paths relative to the folder.
    private func sheetFiles(listed: [String]) throws -> [String] {
        let unlisted = ["sheets", "labels"].flatMap { directory in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(directory).path)) ?? [])
                .filter { LabelFormat(rawValue: URL(fileURLWithPath: $0).pathExtension.lowercased()) != nil }
                .map { "\(directory)/\($0)" }
        }
        return listed + unlisted.filter { !listed.contains($0) }.sorted()
    }

    /// The payloads decoded from the label file `sheet`, one per code: from a PNG by
    /// `zbarimg`; from a PDF's pages rasterised at 150 dpi by `pdftoppm`; from a ZPL file's
    /// graphic fields, decoded back to images. Throws `SheetError.malformedZPL` for a ZPL file
    /// that is not well-formed, `OnboardingError.packageUnreadable` when a tool cannot be run.
    private func decode(_ sheet: String) throws -> [String] {
        let file = folder.appendingPathComponent(sheet)
        switch LabelFormat(rawValue: file.pathExtension.lowercased()) {
        case .pdf:
            return try withScratchFolder { scratch in
                try run("pdftoppm", ["-r", "150", "-gray", "-png", file.path, scratch.appendingPathComponent("page").path], for: sheet, package: "poppler-utils")
                return try zbarPayloads(of: try FileManager.default.contentsOfDirectory(at: scratch, includingPropertiesForKeys: nil), for: sheet)
            }
        case .zpl:
            let images = try ZPLGraphicFields.images(in: String(decoding: try Data(contentsOf: file), as: UTF8.self))
            return try withScratchFolder { scratch in
                let files = try images.enumerated().map { index, image in
                    let png = scratch.appendingPathComponent("label-\(index).png")
                    try PNGWriter().write(image, to: png)
                    return png
                }
                return try zbarPayloads(of: files, for: sheet)
            }
        case .png, nil:
            return try zbarPayloads(of: [file], for: sheet)
        }
    }

    /// Runs `body` with a new temporary folder, removed afterwards.
    private func withScratchFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("insight-verify-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        return try body(scratch)
    }

    /// The payloads `zbarimg` decodes from `images`, one per code.
    private func zbarPayloads(of images: [URL], for sheet: String) throws -> [String] {
        guard !images.isEmpty else { return [] }
        // zbarimg exits 4 when it finds no code at all; that is a finding, not a failure to run.
        let output = try run("zbarimg", ["--raw", "-q", "-Sqrcode.enable"] + images.map(\.path), for: sheet, package: "zbar-tools", acceptedStatuses: [0, 4])
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Runs `tool` with `arguments` and returns its standard output. Throws
    /// `OnboardingError.packageUnreadable` naming `sheet` and the Debian package to install when
    /// it cannot be started, or when it exits with another status than `acceptedStatuses`.
    @discardableResult
    private func run(_ tool: String, _ arguments: [String], for sheet: String, package: String, acceptedStatuses: Set<Int32> = [0]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw OnboardingError.packageUnreadable(path: sheet, reason: "\(tool) could not be started (apt-get install \(package)): \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard acceptedStatuses.contains(process.terminationStatus) else {
            throw OnboardingError.packageUnreadable(path: sheet, reason: "\(tool) failed with status \(process.terminationStatus)\(process.terminationStatus == 127 ? " (apt-get install \(package))" : "")")
        }
        return data
    }
}
