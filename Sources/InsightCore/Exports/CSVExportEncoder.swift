/// Encodes rows as CSV for spreadsheet users: RFC 4180 (comma-separated, CRLF line ends, a cell
/// quoted when it holds a comma, quote, CR or LF, quotes doubled), and safe to open in Excel,
/// LibreOffice or Google Sheets: a text cell that begins with `=`, `+`, `-`, `@`, tab or CR, which
/// a spreadsheet would run as a formula (CSV injection), is prefixed with `'` so it shows as text.
///
/// Numbers are written by the exporter, never taken from users, and are left as they are, so a
/// negative temperature stays a number.
public enum CSVExportEncoder {
    /// A cell: text from users, or a number the exporter formatted.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(String)
        /// An absent value: an empty cell.
        case empty
    }

    /// The characters that make a spreadsheet read a cell as a formula when they come first (all
    /// ASCII, so the first byte of a cell's UTF-8 tells).
    static let formulaTriggers: [UInt8] = Array("=+-@\t\r".utf8)

    /// One CSV line, CRLF included.
    public static func line(_ cells: [Cell]) -> String {
        var bytes: [UInt8] = []
        append(cells, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one CSV line, CRLF included, to `bytes` as UTF-8. Works on the UTF-8 bytes: the
    /// characters that need quoting are ASCII, and ASCII bytes never occur inside a multi-byte
    /// character.
    public static func append(_ cells: [Cell], to bytes: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            switch cell {
            case .empty: break
            case .number(let number): bytes.append(contentsOf: number.utf8)
            case .text(let text): appendText(text, to: &bytes)
            }
        }
        bytes.append(UInt8(ascii: "\r"))
        bytes.append(UInt8(ascii: "\n"))
    }

    private static func appendText(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = text.utf8
        let quote = UInt8(ascii: "\"")
        let quoted = utf8.contains { $0 == UInt8(ascii: ",") || $0 == quote || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
        if quoted { bytes.append(quote) }
        if let first = utf8.first, formulaTriggers.contains(first) { bytes.append(UInt8(ascii: "'")) }
        if quoted {
            for byte in utf8 {
                if byte == quote { bytes.append(quote) }
                bytes.append(byte)
            }
            bytes.append(quote)
        } else {
            bytes.append(contentsOf: utf8)
        }
    }
}
