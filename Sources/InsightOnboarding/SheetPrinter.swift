import Foundation
import InsightCore
import InsightOnboardingInput
import InsightSheets

/// Prints the label sheets of a batch from its packages: each station on its own pages, each
/// label with the gateway's provisioning QR code, name, station, use case, token expiry and
/// support code. Tokens come from the create-provisioning-package answers of the same run, or
/// else are read from the packages (decrypted with the package password), so the manifest never
/// holds one.
struct SheetPrinter {
    let folder: URL
    let layout: SheetLayoutChoice
    let password: String?

    init(folder: URL, layout: SheetLayoutChoice, password: String?) {
        self.folder = folder
        self.layout = layout
        self.password = password
    }

    /// A printer for the existing batch of `manifest` in `folder`, in the batch's layout.
    ///
    /// - Throws: `OnboardingError.invalidInput` when the batch's packages are encrypted and no
    ///   password is given (the tokens for the labels are inside them).
    init(batch manifest: Manifest, in folder: URL, password: String?) throws {
        if password == nil, manifest.gateways.contains(where: \.encrypted) {
            throw OnboardingError.invalidInput(["The packages of this batch are encrypted: give --package-password (or INSIGHT_PACKAGE_PASSWORD) to read them."])
        }
        self.init(folder: folder, layout: SheetLayoutChoice(rawValue: manifest.layout) ?? .a4, password: password)
    }

    /// What a label shows of a gateway's one-time token.
    struct LabelToken: Sendable {
        let qrPayload: String
        /// Milliseconds since the epoch.
        let expiresAt: Int64
    }

    /// A label's content and the manifest facts taken from its package.
    private struct Label: Sendable {
        var entry: Manifest.Entry
        var content: LabelContent
    }

    /// Renders every station's sheets into `sheets/` (or only station `only`'s), and returns
    /// `manifest` with each entry's sheet, token expiry and QR hash filled in and its `sheets`
    /// listed. `tokens` holds the tokens known by gateway id; the others are read from the
    /// packages. Stations are read and rendered in parallel on every core.
    func printStationSheets(
        _ manifest: Manifest, stations only: String? = nil, tokens: [String: LabelToken] = [:], progress: ProgressReporter
    ) async throws -> Manifest {
        var stations: [String] = []
        var entriesByStation: [String: [Manifest.Entry]] = [:]
        for entry in manifest.gateways {
            if entriesByStation[entry.station] == nil { stations.append(entry.station) }
            entriesByStation[entry.station, default: []].append(entry)
        }
        let jobs = stations.enumerated()
            .filter { only == nil || $0.element == only }
            .map { (number: $0.offset + 1, station: $0.element, entries: entriesByStation[$0.element] ?? []) }
        let stage = progress.begin("sheets", total: jobs.reduce(0) { $0 + $1.entries.count })
        let printed = try await jobs.concurrentMap { number, station, entries in
            let labels = try entries.map { try label(for: $0, token: tokens[$0.gateway_id]) }
            let stem = String(format: "%02d-", number) + SafeFileName.stem(for: station)
            let pages = try render(labels.map(\.content), station: station, batch: manifest.batch, fileStem: stem)
            stage.advance(by: entries.count)
            let perPage = layout.layout.labelsPerPage
            return labels.enumerated().map { index, label in
                var entry = label.entry
                entry.sheet = pages[index / perPage]
                return entry
            }
        }
        let updated = Dictionary(uniqueKeysWithValues: printed.joined().map { ($0.gateway_id, $0) })
        var result = manifest
        result.gateways = manifest.gateways.map { updated[$0.gateway_id] ?? $0 }
        var seen = Set<String>()
        result.sheets = (result.gateways.compactMap(\.sheet) + result.gateways.compactMap(\.reissue_sheet)).filter { seen.insert($0).inserted }
        stage.finish("\(counted(Set(printed.joined().compactMap(\.sheet)).count, "page")) for \(counted(printed.count, "station"))")
        return result
    }

    /// Renders a one-label sheet for a reissued gateway; returns its path relative to the folder.
    func printReissueSheet(for entry: Manifest.Entry, batch: String) throws -> (entry: Manifest.Entry, sheet: String) {
        let label = try label(for: entry, token: nil)
        let stamp = Int(Date().timeIntervalSince1970 * 1000)
        let files = try render([label.content], station: entry.station, batch: batch + " · reissue", fileStem: "reissue-\(SafeFileName.stem(for: entry.name))-\(stamp)")
        return (label.entry, files[0])
    }

    /// Builds the label from `token`, or from the package's token when it is nil; updates the
    /// entry's expiry and QR hash.
    private func label(for entry: Manifest.Entry, token known: LabelToken?) throws -> Label {
        let token = try known ?? {
            let content = try PackageContent.read(from: folder.appendingPathComponent(entry.package), password: entry.encrypted ? password : nil)
            return LabelToken(qrPayload: content.qr_payload, expiresAt: content.token_expires_at)
        }()
        var updated = entry
        updated.token_expires_at = token.expiresAt
        updated.qr_payload_sha256 = Data(token.qrPayload.utf8).sha256Hex
        let expiry = Date(timeIntervalSince1970: Double(token.expiresAt) / 1000).formatted(.iso8601.year().month().day())
        return Label(entry: updated, content: LabelContent(
            qrPayload: token.qrPayload, title: entry.name,
            lines: ["Station: \(entry.station)", "Use case: \(entry.usecase)", "Token expires: \(expiry)"],
            fallbackCode: SupportCode.make(gatewayID: entry.gateway_id)
        ))
    }

    /// Renders `labels` and writes `sheets/<fileStem>-p<n>.png`; returns the relative paths.
    /// Pages are rendered and written one at a time, so memory stays at one page (an A4 page at
    /// 300 dpi is 8.7 MB as 8-bit pixels) however many labels a station has.
    private func render(_ labels: [LabelContent], station: String, batch: String, fileStem: String) throws -> [String] {
        let renderer = try SheetRenderer()
        let pageLayout = layout.layout
        let pages = labels.chunked(into: pageLayout.labelsPerPage)
        return try pages.enumerated().map { index, pageLabels in
            let png = try renderer.renderPNGs(labels: Array(pageLabels), header: { _, _ in
                SheetHeader(batchName: batch, station: station, pageNumber: index + 1, pageCount: pages.count)
            }, layout: pageLayout)
            let relative = "sheets/\(fileStem)-p\(index + 1).png"
            try OutputFile.replace(folder.appendingPathComponent(relative), with: png[0])
            return relative
        }
    }
}

/// `insight sheets`: re-renders the sheets of a batch from its manifest and packages (reprint).
public enum BatchSheets {
    /// Re-renders every station's sheets, or only `station`'s, and updates the manifest.
    ///
    /// - Throws: `OnboardingError.invalidInput` for an unknown station or a missing password
    ///   for encrypted packages; `packageUnreadable` for a wrong password.
    public static func reprint(folder: URL, station: String?, password: String?) async throws -> Manifest {
        let manifest = try Manifest.load(from: folder)
        if let station, !manifest.gateways.contains(where: { $0.station == station }) {
            let known = Set(manifest.gateways.map(\.station)).sorted().joined(separator: ", ")
            throw OnboardingError.invalidInput(["No station '\(station)' in this batch; its stations are: \(known)."])
        }
        let printer = try SheetPrinter(batch: manifest, in: folder, password: password)
        let updated = try await printer.printStationSheets(manifest, stations: station, progress: ProgressReporter())
        try updated.write(to: folder)
        return updated
    }
}
