import Foundation
import InsightOnboardingInput
import Testing

/// The file name every test CSV is parsed under.
let testFileName = "gateways.csv"

func read(_ text: String) -> CSVDocument {
    CSVReader.read(Data(text.utf8))
}

func parseGateways(_ csv: String, limits: GatewayCSV.Limits = .init()) throws(GatewayCSVError) -> [GatewayRow] {
    try GatewayCSV.parse(Data(csv.utf8), fileName: testFileName, limits: limits)
}

/// The problems reported for a CSV that must be refused, as printed (`gateways.csv:2:5: …`).
func problemDescriptions(
    of data: Data, limits: GatewayCSV.Limits = .init(), sourceLocation: SourceLocation = #_sourceLocation
) -> [String] {
    do {
        let rows = try GatewayCSV.parse(data, fileName: testFileName, limits: limits)
        Issue.record("expected the file to be refused, got \(rows.count) rows", sourceLocation: sourceLocation)
        return []
    } catch {
        #expect(!error.problems.isEmpty, sourceLocation: sourceLocation)
        return error.problems.map(\.description)
    }
}

func problemDescriptions(
    of csv: String, limits: GatewayCSV.Limits = .init(), sourceLocation: SourceLocation = #_sourceLocation
) -> [String] {
    problemDescriptions(of: Data(csv.utf8), limits: limits, sourceLocation: sourceLocation)
}
