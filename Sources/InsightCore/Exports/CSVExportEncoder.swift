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

    /// The characters that make a spreadsheet read a cell as a formula when they come first.
    static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// One CSV line, CRLF included.
    public static func line(_ cells: [Cell]) -> String {
        var line = cells.map(encode).joined(separator: ",")
        line += "\r\n"
        return line
    }

    static func encode(_ cell: Cell) -> String {
        switch cell {
        case .empty: return ""
        case .number(let number): return number
        case .text(let text):
            let neutralised = text.unicodeScalars.first.map(formulaTriggers.contains) == true ? "'" + text : text
            guard neutralised.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return neutralised }
            return "\"" + neutralised.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}
