import ArgumentParser
import Foundation
import InsightCore
import InsightOnboarding

/// The label formats, thermal stock and printer of `onboard`, `sheets` and `reissue`.
struct LabelOutputOptions: ParsableArguments {
    @Option(name: .customLong("format"), help: ArgumentHelp(
        "The label files to write: png, pdf, zpl, several separated by commas (default for a new batch: png; for an existing one: its formats). pdf: a PDF per station and one for the batch, at the exact paper size, for office printers; zpl: a label per gateway for thermal printers.",
        valueName: "formats"))
    var formats: [String] = []

    @Option(help: ArgumentHelp("The thermal label size in inches for ZPL, such as 2x1, 2.25x1.25, 3x2 or 4x6 (default 2.25x1.25, or the batch's).", valueName: "WxH"))
    var zplLabel: String?

    @Option(help: "The thermal printer's resolution for ZPL: 203, 300 or 600 dpi (default 203, or the batch's).")
    var zplDpi: Int?

    @Option(help: ArgumentHelp("Send the ZPL labels written to this raw printer port (implies --format zpl).", valueName: "host:port"))
    var printTo: String?

    /// The formats named, or else `fallback`, with ZPL added when printing.
    func chosenFormats(otherwise fallback: [LabelFormat]) throws -> [LabelFormat] {
        let named = try LabelOutput.formats(formats)
        let chosen = named.isEmpty ? fallback : named
        return printTo == nil || chosen.contains(.zpl) ? chosen : chosen + [.zpl]
    }

    /// The thermal stock asked for; nil when neither its size nor its resolution was named.
    func chosenThermal(recorded: ThermalLabelStock? = nil) throws -> ThermalLabelStock? {
        guard zplLabel != nil || zplDpi != nil else { return nil }
        let base = recorded ?? .standard
        return try ThermalLabelStock(size: zplLabel ?? "\(base.widthInches)x\(base.heightInches)", dotsPerInch: zplDpi ?? base.dotsPerInch)
    }

    /// Sends the ZPL files among `files` (relative to `folder`) to the `--print-to` printer, if
    /// one was given, and says so.
    func printLabels(_ files: [String], in folder: URL) throws {
        guard let printTo else { return }
        let labels = Array(Set(files.filter { $0.hasSuffix(".zpl") })).sorted()
        try RawPrinter(address: printTo).send(labels.map { folder.appendingPathComponent($0) })
        print("Sent \(counted(labels.count, "ZPL file")) to \(printTo)")
    }
}
