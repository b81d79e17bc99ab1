@testable import InsightSheets
import Testing

@Suite struct TextLayoutTests {
    let typesetter: Typesetter
    let title = TextStyle(family: TextStyle.sansFamily, bold: true, points: 13)

    init() throws {
        typesetter = try Typesetter(dotsPerInch: 300)
    }

    /// Every script draws with real glyphs: fontconfig finds a font for each (a Devanagari name
    /// was a row of boxes with DejaVu and the CJK fallbacks alone).
    @Test(arguments: scriptSamples)
    func everyScriptHasGlyphs(script: String, name: String) {
        let block = typesetter.layOut([(name, title)])
        #expect(block.unknownGlyphCount == 0, "\(script): \(block.unknownGlyphCount) characters without a glyph")
        #expect(block.textWidth > 100)
    }

    /// Right-to-left text is ordered for display: the first character in logical order is drawn
    /// at the right, the last at the left (they were drawn left to right).
    @Test(arguments: ["بوابة المستودع", "שער מחסן"])
    func rightToLeftTextStartsAtTheRight(text: String) {
        let block = typesetter.layOut([(text, title)])
        let lastOffset = text.utf8.count - String(text.last!).utf8.count
        #expect(block.xPosition(ofByteOffset: 0) > block.xPosition(ofByteOffset: lastOffset) + block.textWidth / 2)
    }

    /// Arabic letters are joined: shaping picks contextual forms, which make the word narrower
    /// than its letters set apart (each in its isolated form).
    @Test func arabicLettersAreJoined() {
        let word = "المستودع"
        let joined = typesetter.layOut([(word, title)]).textWidth
        let isolated = word.map { typesetter.layOut([(String($0), title)]).textWidth }.reduce(0, +)
        #expect(joined < isolated * 9 / 10, "joined \(joined) px, letters apart \(isolated) px")
    }

    /// Long text wraps onto the lines it is given and is cut short with "…" after them.
    @Test func wrapsOntoAtMostTheGivenLinesThenEllipsizes() {
        let long = String(repeating: "Very long gateway name with many words ", count: 6)
        let two = typesetter.layOut([(long, title)], width: 700, maxLines: 2)
        #expect(two.lineCount == 2 && two.isEllipsized)
        let one = typesetter.layOut([(long, title)], width: 700)
        #expect(one.lineCount == 1 && one.isEllipsized)
        #expect(two.height > one.height * 3 / 2)
        let short = typesetter.layOut([("Dock 3", title)], width: 700, maxLines: 2)
        #expect(short.lineCount == 1 && !short.isEllipsized)
        // A CJK name without spaces wraps between characters.
        let cjk = typesetter.layOut([(String(repeating: "東京倉庫", count: 20), title)], width: 700, maxLines: 2)
        #expect(cjk.lineCount == 2 && cjk.isEllipsized && cjk.unknownGlyphCount == 0)
    }

    /// Runs in different styles share a line; a bigger size is wider.
    @Test func runsInStylesShareALine() {
        let code = TextStyle(family: TextStyle.monospacedFamily, bold: true, points: 11)
        let line = TextStyle(family: TextStyle.sansFamily, points: 9)
        let both = typesetter.layOut([("Code ", line), ("7KQ2-M9XD", code)])
        #expect(both.lineCount == 1)
        #expect(abs(both.textWidth - typesetter.layOut([("Code ", line)]).textWidth - typesetter.layOut([("7KQ2-M9XD", code)]).textWidth) <= 2)
        #expect(typesetter.layOut([("Gateway", TextStyle(family: TextStyle.sansFamily, points: 20))]).textWidth
            > typesetter.layOut([("Gateway", line)]).textWidth * 2)
    }

    /// Arabic words, and the spaces between them, are set in Noto Sans Arabic; digits, Latin
    /// letters and spaces next to them are not.
    @Test func arabicRunsAreFound() {
        let text = "Gate بوابة المستودع 1 x"
        let ranges = ScriptFonts.arabicRanges(in: text)
        let bytes = Array(text.utf8)
        #expect(ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == ["بوابة المستودع"])
        #expect(ScriptFonts.arabicRanges(in: "Dock 3").isEmpty)
    }
}
