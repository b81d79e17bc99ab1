/// The result of ``CSVReader/read(_:)``: every record and every syntax error of a file.
///
/// Records are present even when there are errors (the reader recovers), so a caller can go on
/// checking their content and report all problems at once.
public struct CSVDocument: Equatable, Sendable {
    /// The records in file order, header included. Empty for an empty file.
    public let records: [CSVRecord]
    /// The syntax errors in file order. Empty for a well-formed file.
    public let errors: [CSVSyntaxError]
}
