import InsightCore
import Testing

@Suite("CSV export encoding")
struct CSVExportEncoderTests {
    @Test func quotesWhatRFC4180NeedsQuotedAndNothingElse() {
        #expect(CSVExportEncoder.line([.text("plain"), .text("a,b"), .text("say \"hi\""), .text("two\nlines"), .text("cr\r\nlf")])
            == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\nlf\"\r\n")
    }

    @Test func neutralisesFormulaTriggersInTextOnly() {
        let cells: [CSVExportEncoder.Cell] = [
            .text("=HYPERLINK(\"http://x\")"), .text("+1"), .text("-2"), .text("@SUM(A1)"), .text("\tx"), .text("\rx"), .text("a=b"),
            .number("-3.5"), .empty,
        ]
        #expect(CSVExportEncoder.line(cells)
            == "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),'\tx,\"'\rx\",a=b,-3.5,\r\n")
    }
}
