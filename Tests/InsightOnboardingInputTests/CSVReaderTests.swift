import Foundation
import InsightOnboardingInput
import Testing

@Suite("CSVReader")
struct CSVReaderTests {
    private func values(_ document: CSVDocument) -> [[String]] {
        document.records.map { $0.fields.map(\.value) }
    }

    @Test func readsLFRecordsWithLineNumbers() {
        let document = read("name,station\nDock 1,S1\nDock 2,S2\n")
        #expect(document.errors.isEmpty)
        #expect(values(document) == [["name", "station"], ["Dock 1", "S1"], ["Dock 2", "S2"]])
        #expect(document.records.map(\.line) == [1, 2, 3])
    }

    @Test(arguments: ["a,b\r\nc,d\r\n", "a,b\nc,d", "a,b\rc,d\r", "a,b\r\nc,d"])
    func acceptsEveryLineEnding(_ text: String) {
        let document = read(text)
        #expect(document.errors.isEmpty)
        #expect(values(document) == [["a", "b"], ["c", "d"]])
        #expect(document.records.map(\.line) == [1, 2])
    }

    @Test func skipsByteOrderMark() {
        let document = CSVReader.read(Data([0xEF, 0xBB, 0xBF]) + Data("name,x\n".utf8))
        #expect(document.errors.isEmpty)
        #expect(values(document) == [["name", "x"]])
        #expect(document.records[0].fields[0].column == 1)
    }

    @Test func unquotesQuotedFields() {
        let document = read(#"plain,"with, comma","say ""hi""","",,x"#)
        #expect(document.errors.isEmpty)
        #expect(values(document) == [["plain", "with, comma", #"say "hi""#, "", "", "x"]])
        #expect(document.records[0].fields.map(\.isQuoted) == [false, true, true, true, false, false])
    }

    @Test func keepsSurroundingSpacesVerbatim() {
        #expect(values(read(" a , b ")) == [[" a ", " b "]])
    }

    @Test func ignoresSpacesOutsideQuotes() {
        let document = read("a, \"b, c\" ,\t\"d\"\t\n")
        #expect(document.errors.isEmpty)
        #expect(values(document) == [["a", "b, c", "d"]])
        #expect(document.records[0].fields.map(\.column) == [1, 4, 13])
    }

    @Test func countsLinesInsideQuotedFields() {
        let document = read("a,\"first\r\nsecond\nthird\"\nb,c\n\"x\ny\",z\n")
        #expect(document.errors.isEmpty)
        #expect(values(document) == [["a", "first\r\nsecond\nthird"], ["b", "c"], ["x\ny", "z"]])
        #expect(document.records.map(\.line) == [1, 4, 5])
        // A field after a multi-line field starts on a later line than its record.
        #expect(document.records[2].fields[1].line == 6)
        #expect(document.records[2].fields[1].column == 4)
    }

    @Test func positionsFieldsByUnicodeScalarColumn() {
        let fields = read("ab,\"cd\",ä€😀,e").records[0].fields
        #expect(fields.map(\.column) == [1, 4, 9, 13])
    }

    @Test func blankLinesAreRecordsButAFinalLineBreakIsNot() {
        let document = read("a\n\nb\n\n")
        #expect(values(document) == [["a"], [""], ["b"], [""]])
        #expect(document.records.map(\.line) == [1, 2, 3, 4])
    }

    @Test func emptyInputHasNoRecords() {
        for document in [read(""), CSVReader.read(Data([0xEF, 0xBB, 0xBF]))] {
            #expect(document.records.isEmpty)
            #expect(document.errors.isEmpty)
        }
    }

    @Test func reportsUnterminatedQuoteWhereItOpened() {
        let document = read("name,station\nDock 1,\"S1\nDock 2,S2\n")
        #expect(document.errors == [CSVSyntaxError(kind: .unterminatedQuote, line: 2, column: 8)])
        #expect(document.records.count == 2)
        #expect(document.records[1].fields[1].value == "S1\nDock 2,S2\n")
    }

    @Test func reportsQuoteInsideUnquotedFieldAndKeepsIt() {
        let document = read("a,12\" screen,c\nd,e\"\"f\"\n")
        #expect(document.errors == [
            CSVSyntaxError(kind: .quoteInUnquotedField, line: 1, column: 5),
            CSVSyntaxError(kind: .quoteInUnquotedField, line: 2, column: 4),
        ])
        #expect(values(document) == [["a", "12\" screen", "c"], ["d", "e\"\"f\""]])
    }

    @Test func reportsTextAfterClosingQuoteAndKeepsIt() {
        let document = read("\"ab\"c,d")
        #expect(document.errors == [CSVSyntaxError(kind: .textAfterClosingQuote, line: 1, column: 5)])
        #expect(values(document) == [["abc", "d"]])
    }

    @Test func reportsInvalidUTF8OncePerLine() {
        // Windows-1252 "München" twice on line 2, an overlong "/" and a lone surrogate on line 3.
        let bytes: [UInt8] = Array("name\n".utf8) + [0x4D, 0xFC, 0x6E, 0x2C, 0xFC, 0x0A]
            + [0x61, 0xC0, 0xAF, 0xED, 0xA0, 0x80]
        let document = CSVReader.read(Data(bytes))
        #expect(document.errors == [
            CSVSyntaxError(kind: .invalidUTF8, line: 2, column: 2),
            CSVSyntaxError(kind: .invalidUTF8, line: 3, column: 2),
        ])
        #expect(document.records[1].fields.map(\.value) == ["M\u{FFFD}n", "\u{FFFD}"])
        #expect(document.records[2].fields[0].value.hasPrefix("a\u{FFFD}"))
    }

    @Test func reportsAndDropsNULBytes() {
        let document = read("a\u{0}b,c\u{0}\u{0}\nd")
        #expect(document.errors == [CSVSyntaxError(kind: .nulByte, line: 1, column: 2)])
        #expect(values(document) == [["ab", "c"], ["d"]])
    }

    @Test(arguments: [[UInt8](arrayLiteral: 0xFF, 0xFE, 0x6E, 0x00), [0xFE, 0xFF, 0x00, 0x6E]])
    func refusesUTF16(_ bytes: [UInt8]) {
        let document = CSVReader.read(Data(bytes))
        #expect(document.records.isEmpty)
        #expect(document.errors == [CSVSyntaxError(kind: .utf16Encoding, line: 1, column: 1)])
    }

    @Test func messagesExplainTheFix() {
        #expect(CSVSyntaxError(kind: .unterminatedQuote, line: 1, column: 1).message.contains("closing quote"))
        #expect(CSVSyntaxError(kind: .invalidUTF8, line: 1, column: 1).message.contains("CSV UTF-8"))
    }
}
