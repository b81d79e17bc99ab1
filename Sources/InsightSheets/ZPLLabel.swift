import InsightBarcodes

/// ZPL II, the language of Zebra thermal printers and their compatibles: a label is a 1-bit
/// image sent as one graphic field (`^GFA`), so that text in any script prints without fonts on
/// the printer, and QR modules land on whole printer dots.
///
/// Graphic field data is hexadecimal, one row of `bytesPerRow` bytes after another (a set bit
/// prints a dot; rows are padded with clear bits), in ZPL's ASCII compression: a repeat count
/// before a hex digit (`G`–`Y` for 1–19, `g`–`z` for 20–400, added up), `,` for the rest of a
/// row clear, `!` for the rest set, `:` for a row equal to the one before.
public enum ZPLLabel {
    /// The ZPL of one label showing `image` at the top-left corner (pixels below 50% gray
    /// print): `^XA`, the print width and label length in dots, the graphic field, `^XZ`.
    public static func encode(_ image: GrayImage) -> String {
        let bytesPerRow = (image.width + 7) / 8
        let total = bytesPerRow * image.height
        var data = ""
        var previous: [UInt8]?
        for y in 0..<image.height {
            var row = [UInt8](repeating: 0, count: bytesPerRow)
            for x in 0..<image.width where image.pixels[y * image.width + x] < 128 {
                row[x >> 3] |= 0x80 >> UInt8(x & 7)
            }
            data += row == previous ? ":" : compressedRow(row)
            previous = row
        }
        return "^XA^PW\(image.width)^LL\(image.height)^LH0,0^FO0,0^GFA,\(total),\(total),\(bytesPerRow),\(data)^FS^PQ1^XZ\n"
    }

    /// One row as compressed hex: runs of a digit with a count, trailing zeros as `,`.
    private static func compressedRow(_ row: [UInt8]) -> String {
        let hexDigits = Array("0123456789ABCDEF")
        let digits = row.flatMap { [hexDigits[Int($0 >> 4)], hexDigits[Int($0 & 0x0F)]] }
        var end = digits.count
        while end > 0, digits[end - 1] == "0" { end -= 1 }
        var output = ""
        var index = 0
        while index < end {
            var run = 1
            while index + run < end, digits[index + run] == digits[index] { run += 1 }
            output += repeated(digits[index], count: run)
            index += run
        }
        if end < digits.count { output += "," }
        return output
    }

    /// `digit` `count` times: a count prefix and the digit, once for every 419 repetitions.
    private static func repeated(_ digit: Character, count: Int) -> String {
        guard count > 1 else { return String(digit) }
        var output = ""
        var left = count
        while left > 0 {
            let chunk = min(left, 419)
            let twenties = chunk / 20, units = chunk % 20
            if twenties > 0 { output.append(Character(UnicodeScalar(UInt8(ascii: "f") + UInt8(twenties)))) }
            if units > 0 { output.append(Character(UnicodeScalar(UInt8(ascii: "F") + UInt8(units)))) }
            output.append(digit)
            left -= chunk
        }
        return output
    }
}
