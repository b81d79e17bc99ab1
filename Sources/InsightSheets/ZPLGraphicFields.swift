import InsightBarcodes

/// Reads ZPL back: the labels of a file and the images of their graphic fields, checked for
/// consistency, so that `insight verify` can decode the codes a thermal printer would print.
public enum ZPLGraphicFields {
    /// The image of each label's `^GFA` graphic field in `zpl`, in order (printed dots black).
    /// Throws `SheetError.malformedZPL` naming the label (from 1) for a label not closed by
    /// `^XZ`, one without exactly one `^GFA` field, a field whose byte counts disagree with each
    /// other or with its data, or data that is not compressed hex.
    public static func images(in zpl: String) throws(SheetError) -> [GrayImage] {
        let labels = zpl.components(separatedBy: "^XA").dropFirst()
        guard !labels.isEmpty else { throw .malformedZPL(reason: "no label (^XA) in the file") }
        var images: [GrayImage] = []
        for (index, label) in labels.enumerated() {
            let number = index + 1
            guard let end = label.range(of: "^XZ") else { throw .malformedZPL(reason: "label \(number) has no ^XZ") }
            let body = label[..<end.lowerBound]
            let fields = body.components(separatedBy: "^GFA,")
            guard fields.count == 2 else { throw .malformedZPL(reason: "label \(number) has \(fields.count - 1) ^GFA graphic fields, not 1") }
            let field = fields[1].prefix { $0 != "^" }
            let parts = field.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, let binaryCount = Int(parts[0]), let fieldCount = Int(parts[1]), let bytesPerRow = Int(parts[2]),
                  binaryCount == fieldCount, bytesPerRow > 0, fieldCount % bytesPerRow == 0 else {
                throw .malformedZPL(reason: "label \(number): the graphic field's header \(parts.prefix(3).joined(separator: ",")) is not a consistent byte count, field count and row length")
            }
            let bytes = try rows(of: parts[3], bytesPerRow: bytesPerRow, label: number)
            guard bytes.count == fieldCount else {
                throw .malformedZPL(reason: "label \(number): the graphic field says \(fieldCount) bytes but its data holds \(bytes.count)")
            }
            let height = fieldCount / bytesPerRow, width = bytesPerRow * 8
            var pixels = [UInt8](repeating: GrayImage.white, count: width * height)
            for (offset, byte) in bytes.enumerated() where byte != 0 {
                for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 { pixels[offset * 8 + bit] = GrayImage.black }
            }
            images.append(GrayImage(width: width, height: height, pixels: pixels))
        }
        return images
    }

    /// The bytes of compressed hex `data`, rows of `bytesPerRow`.
    private static func rows(of data: Substring, bytesPerRow: Int, label: Int) throws(SheetError) -> [UInt8] {
        let digitsPerRow = bytesPerRow * 2
        var digits: [UInt8] = []
        var row: [UInt8] = []
        var previousRow: [UInt8] = []
        var count = 0
        func finishRow() {
            digits += row
            previousRow = row
            row = []
        }
        for character in data.utf8 {
            switch character {
            case UInt8(ascii: "G")...UInt8(ascii: "Y"): count += Int(character - UInt8(ascii: "F"))
            case UInt8(ascii: "g")...UInt8(ascii: "z"): count += 20 * Int(character - UInt8(ascii: "f"))
            case UInt8(ascii: ":"):
                guard row.isEmpty, !previousRow.isEmpty else { throw .malformedZPL(reason: "label \(label): ':' repeats no previous row") }
                row = previousRow
                finishRow()
            case UInt8(ascii: ","), UInt8(ascii: "!"):
                row += [UInt8](repeating: character == UInt8(ascii: ",") ? 0 : 15, count: digitsPerRow - row.count)
                finishRow()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            default:
                guard let value = hexValue(character) else {
                    throw .malformedZPL(reason: "label \(label): '\(Character(UnicodeScalar(character)))' is no hex digit or compression code")
                }
                row += [UInt8](repeating: value, count: max(count, 1))
                count = 0
                guard row.count <= digitsPerRow else { throw .malformedZPL(reason: "label \(label): a row runs past \(bytesPerRow) bytes") }
                if row.count == digitsPerRow { finishRow() }
            }
        }
        guard row.isEmpty else { throw .malformedZPL(reason: "label \(label): the last row is incomplete") }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    /// The value of hex digit `character`, if it is one.
    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
