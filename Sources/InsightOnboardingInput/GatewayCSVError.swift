/// Why a gateway CSV was refused: every problem found in it, ordered by position.
///
/// Thrown by ``GatewayCSV/parse(_:fileName:limits:)``; `problems` is never empty.
public struct GatewayCSVError: Error, Equatable, Sendable, CustomStringConvertible {
    public let problems: [CSVProblem]

    public init(problems: [CSVProblem]) {
        self.problems = problems
    }

    /// One problem per line, as printed on the terminal.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
