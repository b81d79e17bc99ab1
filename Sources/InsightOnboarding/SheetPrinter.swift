import Foundation
import InsightBarcodes
import InsightCore
import InsightOnboardingInput
import InsightSheets

/// Prints the label sheets of a batch from its packages: each station on its own pages, each
/// label with the gateway's provisioning QR code, name, station, use case, token expiry and
/// support code. Tokens come from the create-provisioning-package answers of the same run, or
/// else are read from the packages (decrypted with the package password), so the manifest never
/// holds one.
struct SheetPrinter {
    /// The batch's PDF of every station, relative to the output folder.
    static let batchPDF = "sheets/all-stations.pdf"

    let folder: URL
    let layout: SheetLayoutChoice
    let output: LabelOutput
    let password: String?
    /// The renderers this printer's stations share.
    private let renderers = SheetRendererPool()

    init(folder: URL, layout: SheetLayoutChoice, output: LabelOutput, password: String?) {
        self.folder = folder
        self.layout = layout
        self.output = output
        self.password = password
    }

    /// A printer for the existing batch of `manifest` in `folder`, in the batch's layout, and
    /// in its formats and thermal stock unless others are given.
    ///
    /// - Throws: `OnboardingError.invalidInput` when the batch's packages are encrypted and no
    ///   password is given (the tokens for the labels are inside them).
    init(batch manifest: Manifest, in folder: URL, password: String?, formats: [LabelFormat]? = nil, thermal: ThermalLabelStock? = nil) throws {
        if password == nil, manifest.gateways.contains(where: \.encrypted) {
            throw OnboardingError.invalidInput(["The packages of this batch are encrypted: give --package-password (or INSIGHT_PACKAGE_PASSWORD) to read them."])
        }
        self.init(folder: folder, layout: SheetLayoutChoice(rawValue: manifest.layout) ?? .a4,
                  output: LabelOutput(recordedIn: manifest, formats: formats, thermal: thermal), password: password)
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

    /// One station's labels and the start of its files' names.
    private struct Station: Sendable {
        let name: String
        let fileStem: String
        let labels: [Label]
    }

    /// Renders every station's labels in the output's formats (or only station `only`'s, and
    /// the batch PDF), and returns `manifest` with each printed entry's sheet, prints, token
    /// expiry and QR hash filled in, every file listed in `sheets`, and the formats printed
    /// added to its formats (the files of the others are kept).
    /// `tokens` holds the tokens known by gateway id; the others are read from the packages.
    /// Stations are read and rendered in parallel on every core.
    func printStationSheets(
        _ manifest: Manifest, stations only: String? = nil, tokens: [String: LabelToken] = [:], progress: ProgressReporter
    ) async throws -> Manifest {
        var names: [String] = []
        var entriesByStation: [String: [Manifest.Entry]] = [:]
        for entry in manifest.gateways {
            if entriesByStation[entry.station] == nil { names.append(entry.station) }
            entriesByStation[entry.station, default: []].append(entry)
        }
        let printsBatchPDF = output.formats.contains(.pdf)
        // The batch PDF holds every station, so every station's labels are needed for it.
        let needed = names.enumerated().filter { printsBatchPDF || only == nil || $0.element == only }
            .map { (number: $0.offset + 1, name: $0.element, entries: entriesByStation[$0.element] ?? []) }
        let stations = try await needed.concurrentMap { number, name, entries in
            Station(name: name, fileStem: String(format: "%02d-", number) + SafeFileName.stem(for: name),
                    labels: try entries.map { try label(for: $0, token: tokens[$0.gateway_id]) })
        }
        let selected = stations.filter { only == nil || $0.name == only }
        let stage = progress.begin("sheets", total: selected.reduce(0) { $0 + $1.labels.count })
        let printed = try await selected.concurrentMap { station in
            let files = try render(station, batch: manifest.batch)
            stage.advance(by: station.labels.count)
            return station.labels.enumerated().map { index, label in
                var entry = label.entry
                // Formats not printed now keep the files they had.
                entry.sheet = output.formats.contains(.png) ? files.pngPages[index / layout.layout.labelsPerPage] : entry.sheet
                entry.prints = (entry.prints ?? []).filter { !output.formats.contains(format: $0) } + files.others
                return entry
            }
        }
        if printsBatchPDF { try joinStationPDFs(stations, batch: manifest.batch) }
        let stationPDFs = Dictionary(uniqueKeysWithValues: stations.map { ($0.name, Self.stationPDF($0)) })
        let updated = Dictionary(uniqueKeysWithValues: printed.joined().map { ($0.gateway_id, $0) })
        var result = manifest
        let formats = Set(manifest.formats == nil ? [.png] : manifest.labelFormats).union(output.formats)
        result.formats = LabelFormat.allCases.filter(formats.contains).map(\.rawValue)
        result.thermal_label = output.formats.contains(.zpl) ? output.thermal.description : manifest.thermal_label
        result.gateways = manifest.gateways.map { entry in
            var printedEntry = updated[entry.gateway_id] ?? entry
            // The batch PDF carries every station's labels, printed now or not, and with it
            // every station has its PDF.
            if printsBatchPDF, let stationPDF = stationPDFs[entry.station] {
                for file in [stationPDF, Self.batchPDF] where !(printedEntry.prints ?? []).contains(file) {
                    printedEntry.prints = (printedEntry.prints ?? []) + [file]
                }
            }
            return printedEntry
        }
        var seen = Set<String>()
        result.sheets = result.gateways.flatMap { [$0.sheet, $0.reissue_sheet].compactMap { $0 } + ($0.prints ?? []) + ($0.reissue_prints ?? []) }
            .filter { seen.insert($0).inserted }
        stage.finish("\(counted(Set(printed.joined().compactMap(\.sheet)).count, "page")) for \(counted(printed.count, "station"))"
            + (output.formats == [.png] ? "" : " (\(output.formats.map(\.rawValue).joined(separator: ", ")))"))
        return result
    }

    /// Renders a one-label sheet for a reissued gateway in every format; returns the updated
    /// entry and the files, relative to the folder.
    func printReissueSheet(for entry: Manifest.Entry, batch: String) throws -> (entry: Manifest.Entry, png: String?, others: [String]) {
        let label = try label(for: entry, token: nil)
        let stamp = Int(Date().timeIntervalSince1970 * 1000)
        let station = Station(name: entry.station, fileStem: "reissue-\(SafeFileName.stem(for: entry.name))-\(stamp)", labels: [label])
        let files = try render(station, batch: batch + " · reissue")
        return (label.entry, files.pngPages.first, files.others)
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

    /// Writes `station`'s labels in every format: `sheets/<stem>-p<n>.png` pages (rendered
    /// and written one at a time, so memory stays at one page however many labels a station
    /// has), `sheets/<stem>.pdf` and `labels/<stem>.zpl`. Returns the PNG pages and the other
    /// files, relative to the folder.
    private func render(_ station: Station, batch: String) throws -> (pngPages: [String], others: [String]) {
        try renderers.withRenderer { renderer in try render(station, batch: batch, with: renderer) }
    }

    private func render(_ station: Station, batch: String, with renderer: SheetRenderer) throws -> (pngPages: [String], others: [String]) {
        let pageLayout = layout.layout
        let contents = station.labels.map(\.content)
        var pngPages: [String] = []
        var others: [String] = []
        for format in output.formats {
            switch format {
            case .png:
                let pages = contents.chunked(into: pageLayout.labelsPerPage)
                for (index, pageLabels) in pages.enumerated() {
                    let png = try renderer.renderPNGs(labels: Array(pageLabels), header: { _, _ in
                        SheetHeader(batchName: batch, station: station.name, pageNumber: index + 1, pageCount: pages.count)
                    }, layout: pageLayout)
                    let relative = "sheets/\(station.fileStem)-p\(index + 1).png"
                    try OutputFile.replace(folder.appendingPathComponent(relative), with: png[0])
                    pngPages.append(relative)
                }
            case .pdf:
                others.append(try writeStationPDF(station, batch: batch, with: renderer))
            case .zpl:
                let zpl = try thermalLabels(contents, with: renderer).map(ZPLLabel.encode).joined()
                let relative = "labels/\(station.fileStem).zpl"
                try FileManager.default.createDirectory(at: folder.appendingPathComponent("labels"), withIntermediateDirectories: true)
                try OutputFile.replace(folder.appendingPathComponent(relative), with: Data(zpl.utf8))
                others.append(relative)
            }
        }
        return (pngPages, others)
    }

    /// `contents` rendered on the output's thermal stock. Throws `OnboardingError.invalidInput`
    /// saying what to choose when a label's QR code does not fit the stock.
    private func thermalLabels(_ contents: [LabelContent], with renderer: SheetRenderer) throws -> [GrayImage] {
        do {
            return try renderer.render(labels: contents, header: nil, layout: output.thermal.layout)
        } catch let SheetError.labelDoesNotFit(index, reason) {
            throw OnboardingError.invalidInput([
                "The ZPL label of \(contents[index].title) does not fit a \(output.thermal) label (\(reason)): choose a larger --zpl-label such as 2.25x1.25 or 3x2, or a 300 dpi printer with --zpl-dpi 300.",
            ])
        }
    }

    /// Writes `sheets/<stem>.pdf` of `station`; returns its path relative to the folder.
    private func writeStationPDF(_ station: Station, batch: String, with renderer: SheetRenderer) throws -> String {
        let pdf = try renderer.renderPDF(sections: [(station.labels.map(\.content), header(batch: batch, station: station.name))],
                                         layout: layout.layout, title: "Batch \(batch) · Station \(station.name)")
        let relative = Self.stationPDF(station)
        try OutputFile.replace(folder.appendingPathComponent(relative), with: pdf)
        return relative
    }

    /// The path of `station`'s PDF, relative to the folder.
    private static func stationPDF(_ station: Station) -> String {
        "sheets/\(station.fileStem).pdf"
    }

    /// Writes the batch PDF: the stations' PDFs joined, each station from a new page under its
    /// own headers. A station's PDF is read from `sheets/` (where this run or an earlier one
    /// wrote it), or rendered first when it is not there.
    private func joinStationPDFs(_ stations: [Station], batch: String) throws {
        let files = try stations.map { station in
            let file = folder.appendingPathComponent(Self.stationPDF(station))
            if !FileManager.default.fileExists(atPath: file.path) {
                _ = try renderers.withRenderer { try writeStationPDF(station, batch: batch, with: $0) }
            }
            return file
        }
        try OutputFile.replace(folder.appendingPathComponent(Self.batchPDF), with: PDFConcatenation.join(files, title: "Batch \(batch) · all stations"))
    }

    /// The headers of a station's pages.
    private func header(batch: String, station: String) -> (Int, Int) -> SheetHeader {
        { SheetHeader(batchName: batch, station: station, pageNumber: $0 + 1, pageCount: $1) }
    }
}

/// `insight sheets`: re-renders the sheets of a batch from its manifest and packages (reprint).
public enum BatchSheets {
    /// Re-renders every station's sheets, or only `station`'s, and updates the manifest.
    ///
    /// - Throws: `OnboardingError.invalidInput` for an unknown station or a missing password
    ///   for encrypted packages; `packageUnreadable` for a wrong password.
    public static func reprint(folder: URL, station: String?, password: String?, formats: [LabelFormat]? = nil, thermal: ThermalLabelStock? = nil) async throws -> Manifest {
        let manifest = try Manifest.load(from: folder)
        if let station, !manifest.gateways.contains(where: { $0.station == station }) {
            let known = Set(manifest.gateways.map(\.station)).sorted().joined(separator: ", ")
            throw OnboardingError.invalidInput(["No station '\(station)' in this batch; its stations are: \(known)."])
        }
        let printer = try SheetPrinter(batch: manifest, in: folder, password: password, formats: formats, thermal: thermal)
        let updated = try await printer.printStationSheets(manifest, stations: station, progress: ProgressReporter())
        try updated.write(to: folder)
        return updated
    }
}
