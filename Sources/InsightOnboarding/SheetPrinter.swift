import Foundation
import InsightCore
import InsightOnboardingInput
import InsightSheets

/// Prints the label sheets of a batch from its packages: each station on its own pages, each
/// label with the gateway's provisioning QR code, name, station, use case, token expiry and
/// support code. Tokens are read from the packages (decrypted with the package password), so
/// the manifest never holds one.
struct SheetPrinter {
    let folder: URL
    let layout: SheetLayoutChoice
    let password: String?

    /// A label's content and the manifest facts taken from its package.
    private struct Label: Sendable {
        var entry: Manifest.Entry
        var content: LabelContent
    }

    /// Renders every station's sheets into `sheets/`, and returns `manifest` with each entry's
    /// sheet, token expiry and QR hash filled in and its `sheets` listed. Stations render in
    /// parallel on every core.
    func printStationSheets(_ manifest: Manifest, stations only: String? = nil, progress: ProgressReporter) async throws -> Manifest {
        let entries = manifest.gateways.filter { only == nil || $0.station == only }
        progress.begin("sheets", total: entries.count)
        let labels = try entries.map(label(for:))
        var stationOrder: [String] = []
        var byStation: [String: [Label]] = [:]
        for label in labels {
            if byStation[label.entry.station] == nil { stationOrder.append(label.entry.station) }
            byStation[label.entry.station, default: []].append(label)
        }
        let allStations = manifest.gateways.reduce(into: [String]()) { if !$0.contains($1.station) { $0.append($1.station) } }
        let jobs = stationOrder.map { station in (station: station, number: (allStations.firstIndex(of: station) ?? 0) + 1, labels: byStation[station] ?? []) }
        let printed = try await jobs.concurrentMap { job in
            let stem = String(format: "%02d-", job.number) + SafeFileName.stem(for: job.station)
            let files = try render(job.labels.map(\.content), station: job.station, batch: manifest.batch, fileStem: stem)
            progress.advance(by: job.labels.count)
            return (job.station, files)
        }
        var result = manifest
        let perPage = layout.layout.labelsPerPage
        let labelsByID = Dictionary(uniqueKeysWithValues: labels.map { ($0.entry.gateway_id, $0.entry) })
        let pagesByStation = Dictionary(uniqueKeysWithValues: printed)
        for index in result.gateways.indices {
            let id = result.gateways[index].gateway_id
            guard let fresh = labelsByID[id], let pages = pagesByStation[fresh.station] else { continue }
            let position = byStation[fresh.station]?.firstIndex { $0.entry.gateway_id == id } ?? 0
            result.gateways[index] = fresh
            result.gateways[index].sheet = pages[position / perPage]
        }
        result.sheets = result.gateways.compactMap(\.sheet).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            + result.gateways.compactMap(\.reissue_sheet)
        progress.finish("\(printed.reduce(0) { $0 + $1.1.count }) pages for \(printed.count) stations")
        return result
    }

    /// Renders a one-label sheet for a reissued gateway; returns its path relative to the folder.
    func printReissueSheet(for entry: Manifest.Entry, batch: String) throws -> (entry: Manifest.Entry, sheet: String) {
        let label = try label(for: entry)
        let stamp = Int(Date().timeIntervalSince1970)
        let files = try render([label.content], station: entry.station, batch: batch + " · reissue", fileStem: "reissue-\(SafeFileName.stem(for: entry.name))-\(stamp)")
        return (label.entry, files[0])
    }

    /// Reads the package's token and builds the label; updates the entry's expiry and QR hash.
    private func label(for entry: Manifest.Entry) throws -> Label {
        let content = try PackageContent.read(from: folder.appendingPathComponent(entry.package), password: entry.encrypted ? password : nil)
        var updated = entry
        updated.token_expires_at = content.token_expires_at
        updated.qr_payload_sha256 = Data(content.qr_payload.utf8).sha256Hex
        let expiry = Date(timeIntervalSince1970: Double(content.token_expires_at) / 1000).formatted(.iso8601.year().month().day())
        return Label(entry: updated, content: LabelContent(
            qrPayload: content.qr_payload, title: entry.name,
            lines: ["Station: \(entry.station)", "Use case: \(entry.usecase)", "Token expires: \(expiry)"],
            fallbackCode: SupportCode.make(gatewayID: entry.gateway_id)
        ))
    }

    /// Renders `labels` and writes `sheets/<fileStem>-p<n>.png`; returns the relative paths.
    private func render(_ labels: [LabelContent], station: String, batch: String, fileStem: String) throws -> [String] {
        let renderer = try SheetRenderer()
        let pages = try renderer.renderPNGs(labels: labels, header: { index, count in
            SheetHeader(batchName: batch, station: station, pageNumber: index + 1, pageCount: count)
        }, layout: layout.layout)
        return try pages.enumerated().map { index, png in
            let relative = "sheets/\(fileStem)-p\(index + 1).png"
            try png.write(to: folder.appendingPathComponent(relative), options: .atomic)
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
        if password == nil, manifest.gateways.contains(where: \.encrypted) {
            throw OnboardingError.invalidInput(["The packages of this batch are encrypted: give --package-password to read their tokens."])
        }
        let printer = SheetPrinter(folder: folder, layout: SheetLayoutChoice(rawValue: manifest.layout) ?? .a4, password: password)
        let updated = try await printer.printStationSheets(manifest, stations: station, progress: ProgressReporter())
        try updated.write(to: folder)
        return updated
    }
}
