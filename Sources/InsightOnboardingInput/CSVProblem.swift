/// One problem in an input file, positioned for the person who fixes it.
///
/// Its ``description`` follows the compiler convention `file:line:column: message`
/// (`file:line: message` when no column applies), which editors and terminals turn into links.
public struct CSVProblem: Equatable, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    public let file: String
    /// The 1-based physical line. Problems with the file as a whole (too large, empty) use line 1.
    public let line: Int
    /// The 1-based column (counted in Unicode scalars) of the field concerned, when there is one.
    public let column: Int?
    /// What is wrong and how to fix it, in words a spreadsheet user understands.
    public let message: String

    public init(file: String, line: Int, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if let column {
            "\(file):\(line):\(column): \(message)"
        } else {
            "\(file):\(line): \(message)"
        }
    }
}
