import InsightOnboardingInput
import Testing

@Suite("CSVProblem")
struct CSVProblemTests {
    @Test func describesLikeACompiler() {
        #expect(CSVProblem(file: "in/gateways.csv", line: 12, column: 5, message: "bad").description
            == "in/gateways.csv:12:5: bad")
        #expect(CSVProblem(file: "gateways.csv", line: 12, message: "bad").description == "gateways.csv:12: bad")
    }

    @Test func errorListsOneProblemPerLine() {
        let error = GatewayCSVError(problems: [
            CSVProblem(file: "g.csv", line: 1, message: "first"),
            CSVProblem(file: "g.csv", line: 2, column: 3, message: "second"),
        ])
        #expect(error.description == "g.csv:1: first\ng.csv:2:3: second")
    }
}
