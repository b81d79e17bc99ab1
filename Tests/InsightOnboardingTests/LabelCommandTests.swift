import Foundation
import InsightSheets
import InsightTestSupport
import Testing

/// `insight onboard --format … --print-to …` as a user runs it: the label files, the bytes a raw
/// printer port receives, `insight verify`, and the refusal of an unknown format.
@Suite struct LabelCommandTests {
    @Test func onboardWritesTheFormatsAskedForAndPrintsTheZPL() throws {
        try withTemporaryDirectory { directory in
            let csv = directory.appendingPathComponent("gateways.csv")
            try writeCSV([["بوابة المستودع 1", "Picking", "North"], ["שער מחסן 3", "Picking", "North"], ["गेटवे गोदाम 2", "Packing", "South"]], to: csv)
            let out = directory.appendingPathComponent("out")
            let listener = try LoopbackListener()
            let printed = listener.receiveInBackground()
            let result = try runTool(insightExecutable(), [
                "onboard", csv.path, "--out", out.path, "--package-password", "pw", "--format", "pdf,zpl",
                "--zpl-label", "3x2", "--zpl-dpi", "300", "--print-to", "127.0.0.1:\(listener.port)",
            ])
            #expect(result.status == 0, "\(result.stderrText)")
            #expect(result.stdoutText.contains("Sent 2 ZPL files to 127.0.0.1:\(listener.port)"), "\(result.stdoutText)")
            let received = try #require(printed())
            let zplFiles = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("labels").path).sorted()
            #expect(zplFiles == ["01-North.zpl", "02-South.zpl"])
            let expected = try zplFiles.reduce(Data()) { $0 + (try Data(contentsOf: out.appendingPathComponent("labels/\($1)"))) }
            #expect(received == expected)
            #expect(try ZPLGraphicFields.images(in: String(decoding: received, as: UTF8.self)).map(\.width) == [904, 904, 904], "3 in at 300 dpi, in whole bytes")
            let sheets = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("sheets").path).sorted()
            #expect(sheets == ["01-North.pdf", "02-South.pdf", "all-stations.pdf"], "no PNG when not asked for")
            let verify = try runTool(insightExecutable(), ["verify", "--out", out.path])
            #expect(verify.status == 0 && verify.stdoutText.contains("9 QR codes decoded"), "\(verify.stdoutText)\(verify.stderrText)")
        }
    }

    @Test func anUnknownFormatIsBadUsage() throws {
        let result = try runTool(insightExecutable(), ["onboard", "none.csv", "--format", "png,gif"])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("--format 'gif' is not a label format"), "\(result.stderrText)")
    }
}
