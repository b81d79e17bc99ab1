/// One record (row) of a CSV file, as read by ``CSVReader``.
///
/// Positions are 1-based physical positions in the file: `line` counts line breaks (CRLF, LF or a
/// lone CR each count once, also inside quoted values), `column` counts Unicode scalars on that line.
public struct CSVRecord: Equatable, Sendable {
    /// The line on which the record starts.
    public let line: Int
    /// The record's fields, in file order. Never empty: a blank line is one empty field.
    public let fields: [CSVField]
}

/// One field of a ``CSVRecord``.
public struct CSVField: Equatable, Sendable {
    /// The value with RFC 4180 quoting removed (`""` becomes `"`, spaces outside the quotes dropped),
    /// otherwise verbatim: not trimmed, line breaks inside quotes kept as they are in the file.
    public let value: String
    /// The line on which the field starts (a later line than the record's when an earlier field
    /// spans lines).
    public let line: Int
    /// The column of the field's first character (its opening quote when quoted).
    public let column: Int
    /// Whether the value was written in quotes.
    public let isQuoted: Bool
}
