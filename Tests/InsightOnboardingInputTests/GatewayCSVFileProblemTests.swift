import Foundation
import InsightOnboardingInput
import Testing

@Suite("GatewayCSV: file problems and limits")
struct GatewayCSVFileProblemTests {
    private static let emptyFile =
        "gateways.csv:1: the file is empty; it needs a header row such as name,usecase,station followed by one row per gateway"

    @Test(arguments: ["", "\n", "\r\n\r\n  \n", ",,\n,,\n"])
    func reportsEmptyFile(_ csv: String) {
        #expect(problemDescriptions(of: csv) == [Self.emptyFile])
    }

    @Test func reportsFileWithOnlyAByteOrderMark() {
        #expect(problemDescriptions(of: Data([0xEF, 0xBB, 0xBF])) == [Self.emptyFile])
    }

    @Test(arguments: ["name,usecase,station", "name,usecase,station\n\n,,\n"])
    func reportsHeaderWithoutGateways(_ csv: String) {
        #expect(problemDescriptions(of: csv) == [
            "gateways.csv:1: the file has a header but no gateways; add one row per gateway below the header",
        ])
    }

    @Test func refusesUTF16WithOneProblem() {
        let data = Data([0xFF, 0xFE]) + "name,usecase,station\n".data(using: .utf16LittleEndian)!
        #expect(problemDescriptions(of: data) == [
            #"gateways.csv:1:1: the file is UTF-16 encoded; save it as "CSV UTF-8" (in Excel: Save As, CSV UTF-8 (Comma delimited))"#,
        ])
    }

    @Test func reportsWindows1252TextByLine() {
        let data = Data("name,usecase,station\nDock 1,u,s\nM".utf8) + Data([0xFC]) + Data("nchen,u,s\n".utf8)
        #expect(problemDescriptions(of: data) == [
            #"gateways.csv:3:2: the file is not valid UTF-8 here; save it as "CSV UTF-8" (in Excel: Save As, CSV UTF-8 (Comma delimited))"#,
        ])
    }

    @Test func reportsNULBytes() {
        #expect(problemDescriptions(of: "name,usecase,station\nA\u{0},u,s\n") == [
            "gateways.csv:2:2: the file contains a NUL byte (U+0000), which a text file never does",
        ])
    }

    @Test func reportsUnterminatedQuoteAtItsStartAndGoesOnChecking() {
        #expect(problemDescriptions(of: "name,usecase,station\nA,\"u,s\nB,u,s\n") == [
            "gateways.csv:2: this row has 2 values but the header has 3 columns; add the missing values (an empty value still needs its comma)",
            #"gateways.csv:2:3: a quoted value starts here but is never closed; add the missing closing quote (")"#,
        ])
    }

    @Test func reportsStrayQuote() {
        #expect(problemDescriptions(of: "name,usecase,station\nDock 12\" ,u,s\n") == [
            #"gateways.csv:2:8: unexpected quote (") inside a value; a value that contains a quote must be written in quotes with the inner quote doubled, e.g. "12"" screen""#,
        ])
    }

    @Test func defaultLimits() {
        #expect(GatewayCSV.Limits() == GatewayCSV.Limits(maxFileSize: 50_000_000, maxRows: 100_000, maxValueLength: 256))
    }

    @Test func refusesFilesOver50MBWithoutReadingThem() {
        #expect(problemDescriptions(of: Data(count: 50_000_001)) == [
            "gateways.csv:1: the file is 50.1 MB; files larger than 50 MB are not accepted, split it into smaller files",
        ])
    }

    @Test func refusesTooManyRowsAtTheFirstExcessRow() throws {
        let limits = GatewayCSV.Limits(maxRows: 3)
        let header = "name,usecase,station\n"
        #expect(try parseGateways(header + "a,u,s\n\nb,u,s\nc,u,s\n", limits: limits).count == 3)
        #expect(problemDescriptions(of: header + "a,u,s\n\nb,u,s\nc,u,s\nd,u,\n", limits: limits) == [
            "gateways.csv:6: the file has 4 gateway rows; at most 3 are accepted per file, split it into smaller files",
        ])
    }

    @Test func refusesMoreThan100000RowsByDefault() {
        let csv = "name,usecase,station\n" + (1...100_001).map { "g\($0),u,s\n" }.joined()
        #expect(problemDescriptions(of: csv) == [
            "gateways.csv:100002: the file has 100001 gateway rows; at most 100000 are accepted per file, split it into smaller files",
        ])
    }

    @Test func parses10000RowsQuickly() throws {
        let csv = "name,usecase,station,wifi_ssid,wifi_password,wifi_authentication_type\r\n"
            + (1...10_000).map { "\"Gateway \($0), Hall 3\",Picking,Station \($0 % 40),Warehouse-5G,\"p@ss, \"\"word\"\"\",WPA2\r\n" }
                .joined()
        let data = Data(csv.utf8)
        let clock = ContinuousClock()
        var rows: [GatewayRow] = []
        let elapsed = try clock.measure { rows = try GatewayCSV.parse(data, fileName: testFileName) }
        #expect(rows.count == 10_000)
        #expect(rows.last?.wifi?.password == #"p@ss, "word""#)
        // Well under 100 ms in a release build; this bound only catches accidental quadratic work in
        // the debug build that tests run in.
        #expect(elapsed < .seconds(2))
    }
}
