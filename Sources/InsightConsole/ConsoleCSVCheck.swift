import Foundation
import InsightOnboardingInput

/// The whole-file check of an uploaded CSV, exactly `insight onboard`'s (`GatewayCSV.parse`),
/// with each problem kept as line, column and message for the page to list.
enum ConsoleCSVCheck {
    /// How many gateways the CSV holds, and every problem of it (none when it is fine).
    static func check(_ csv: Data, fileName: String) -> (rows: Int, problems: [CSVProblem]) {
        do {
            return (try GatewayCSV.parse(csv, fileName: fileName).count, [])
        } catch {
            return (0, error.problems)
        }
    }
}

/// A CSV with problems: answered 422 with every problem, and nothing is created.
struct ConsoleCSVRejection: Error {
    let problems: [CSVProblem]
}

/// One problem as the page shows it.
struct ConsoleCSVProblem: Encodable, Sendable {
    let line: Int
    let column: Int?
    let message: String

    init(_ problem: CSVProblem) {
        line = problem.line
        column = problem.column
        message = problem.message
    }
}

/// JSON as the console's endpoints read and write it: snake_case keys, sorted.
enum ConsoleJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()
}
