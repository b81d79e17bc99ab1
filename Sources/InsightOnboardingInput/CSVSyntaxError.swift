/// A problem that makes a CSV file malformed, found by ``CSVReader``.
///
/// The reader recovers from each of these (see ``Kind``) and keeps reading, so one pass reports
/// them all.
public struct CSVSyntaxError: Error, Equatable, Sendable {
    /// What is wrong, and how the reader recovered.
    public enum Kind: Equatable, Sendable {
        /// A quoted value is never closed. Positioned at its opening quote; the rest of the file
        /// became part of that value.
        case unterminatedQuote
        /// A `"` inside a value that does not start with a quote. The quote is kept as text.
        case quoteInUnquotedField
        /// Text between a closing quote and the next comma or line break. The text is kept.
        case textAfterClosingQuote
        /// Bytes that are not UTF-8. Replaced by U+FFFD; reported once per line.
        case invalidUTF8
        /// A NUL byte. Dropped from the value; reported once per line.
        case nulByte
        /// The file starts with a UTF-16 byte order mark. Nothing is read.
        case utf16Encoding
    }

    public let kind: Kind
    public let line: Int
    public let column: Int

    public init(kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// An explanation, with the fix, for the person who edits the file.
    public var message: String {
        switch kind {
        case .unterminatedQuote:
            "a quoted value starts here but is never closed; add the missing closing quote (\")"
        case .quoteInUnquotedField:
            "unexpected quote (\") inside a value; a value that contains a quote must be written "
                + "in quotes with the inner quote doubled, e.g. \"12\"\" screen\""
        case .textAfterClosingQuote:
            "unexpected text after a closing quote; a quoted value must be followed by a comma "
                + "or the end of the line"
        case .invalidUTF8:
            "the file is not valid UTF-8 here; save it as \"CSV UTF-8\" (in Excel: Save As, "
                + "CSV UTF-8 (Comma delimited))"
        case .nulByte:
            "the file contains a NUL byte (U+0000), which a text file never does"
        case .utf16Encoding:
            "the file is UTF-16 encoded; save it as \"CSV UTF-8\" (in Excel: Save As, "
                + "CSV UTF-8 (Comma delimited))"
        }
    }
}
