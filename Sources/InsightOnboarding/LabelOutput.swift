import Foundation
import InsightSheets

/// A kind of label file.
public enum LabelFormat: String, Sendable, CaseIterable, Codable {
    /// 1-bit PNG pages at 300 dpi in `sheets/`, one file a page: what `zbarimg` and image
    /// viewers read, and the output folder's contract.
    case png
    /// One vector PDF a station and one for the whole batch in `sheets/`, at the exact paper
    /// size: what office printers print crisp at any scale.
    case pdf
    /// One `.zpl` file a station in `labels/`, a label per gateway, for thermal printers.
    case zpl
}

/// The size and resolution of thermal labels, such as `2x1in@203dpi`.
public struct ThermalLabelStock: Sendable, Hashable, CustomStringConvertible {
    public var widthInches: Double
    public var heightInches: Double
    public var dotsPerInch: Int

    /// 2.25×1.25 in (57×32 mm) at 203 dpi: the common desktop Zebra printer and label, where
    /// a QR code of a provisioning URL of up to about 130 characters (version 7) fits at 0.5 mm
    /// modules (2×1 in holds up to version 5, about 80 characters).
    public static let standard = ThermalLabelStock(widthInches: 2.25, heightInches: 1.25, dotsPerInch: 203)

    public init(widthInches: Double, heightInches: Double, dotsPerInch: Int) {
        self.widthInches = widthInches
        self.heightInches = heightInches
        self.dotsPerInch = dotsPerInch
    }

    /// Reads `WxH` in inches (as `--zpl-label` takes it, from 1 to 8 in a side) at `dotsPerInch`
    /// (203, 300 or 600). Throws `OnboardingError.invalidInput` saying what is accepted.
    public init(size: String, dotsPerInch: Int) throws {
        let parts = size.lowercased().replacingOccurrences(of: "in", with: "").split(separator: "x").compactMap { Double($0) }
        guard parts.count == 2, parts.allSatisfy({ (1...8).contains($0) }) else {
            throw OnboardingError.invalidInput(["--zpl-label '\(size)' is not a label size in inches such as 2x1 or 4x6 (each side 1 to 8 in)."])
        }
        guard [203, 300, 600].contains(dotsPerInch) else {
            throw OnboardingError.invalidInput(["--zpl-dpi \(dotsPerInch) is not a thermal printer resolution: 203, 300 or 600."])
        }
        self.init(widthInches: parts[0], heightInches: parts[1], dotsPerInch: dotsPerInch)
    }

    /// Reads `description`'s form back (`2x1in@203dpi`); nil for anything else.
    init?(recorded text: String) {
        let parts = text.replacingOccurrences(of: "dpi", with: "").split(separator: "@")
        guard parts.count == 2, let dots = Int(parts[1]), let stock = try? ThermalLabelStock(size: String(parts[0]), dotsPerInch: dots) else { return nil }
        self = stock
    }

    public var description: String {
        "\(Self.format(widthInches))x\(Self.format(heightInches))in@\(dotsPerInch)dpi"
    }

    /// The layout of one label.
    public var layout: SheetLayout { .thermal(widthInches: widthInches, heightInches: heightInches, dotsPerInch: dotsPerInch) }

    private static func format(_ inches: Double) -> String {
        inches == inches.rounded() ? String(Int(inches)) : String(inches)
    }
}

/// Which label files a command writes, and the thermal stock for ZPL.
public struct LabelOutput: Sendable, Hashable {
    /// The formats, each once, in the order given.
    public var formats: [LabelFormat]
    public var thermal: ThermalLabelStock

    /// PNG: the pages the output folder has always had, which `zbarimg`, image viewers and
    /// scripts read, at the onboarding speed the benchmark holds (PDFs cost about twice the
    /// PNG pages' time, rendered twice, per station and for the batch). Ask for `pdf` to print
    /// from an office printer's dialog, `zpl` for a thermal printer.
    public static let defaultFormats: [LabelFormat] = [.png]

    public init(formats: [LabelFormat] = LabelOutput.defaultFormats, thermal: ThermalLabelStock = .standard) {
        var seen = Set<LabelFormat>()
        self.formats = formats.filter { seen.insert($0).inserted }
        self.thermal = thermal
    }

    /// Reads `--format` values: names separated by commas, in one value or several.
    /// Throws `OnboardingError.invalidInput` naming an unknown format.
    public static func formats(_ values: [String]) throws -> [LabelFormat] {
        try values.flatMap { $0.split(separator: ",") }.map { name in
            guard let format = LabelFormat(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw OnboardingError.invalidInput(["--format '\(name)' is not a label format: png, pdf or zpl (several separated by commas)."])
            }
            return format
        }
    }

    /// The output of an existing batch: what its manifest records, unless overridden.
    init(recordedIn manifest: Manifest, formats: [LabelFormat]?, thermal: ThermalLabelStock?) {
        self.init(formats: formats ?? manifest.labelFormats, thermal: thermal ?? manifest.thermalStock ?? .standard)
    }
}

extension [LabelFormat] {
    /// Whether the label file at `path` is in one of these formats.
    func contains(format path: String) -> Bool {
        LabelFormat(rawValue: URL(fileURLWithPath: path).pathExtension.lowercased()).map(contains) ?? false
    }
}

extension Manifest {
    /// The label formats the batch prints: PNG only for a manifest from before PDF and ZPL.
    public var labelFormats: [LabelFormat] {
        formats.map { $0.compactMap(LabelFormat.init(rawValue:)) } ?? [.png]
    }

    /// The thermal stock of the batch's ZPL files, if it has any.
    public var thermalStock: ThermalLabelStock? {
        thermal_label.flatMap(ThermalLabelStock.init(recorded:))
    }
}
