import Foundation
import InsightSheets
import InsightTestSupport
import Testing

@Suite struct FontTests {
    @Test func loadsTheStandardFonts() throws {
        let names = try Font.Standard.allCases.map { standard in
            let font = try Font(standard)
            return "\(font.familyName) \(font.styleName)"
        }
        #expect(names == ["DejaVu Sans Book", "DejaVu Sans Bold", "DejaVu Sans Mono Bold",
                           "Droid Sans Fallback Regular", "WenQuanYi Micro Hei Regular"])
    }

    @Test func theFallbacksCoverChineseJapaneseAndKorean() throws {
        let droid = try Font(.fallback), wenQuanYi = try Font(.koreanFallback)
        #expect("東京倉庫国龍ゲートウェイひらがな".unicodeScalars.allSatisfy(droid.hasGlyph))
        #expect(!droid.hasGlyph(for: "서"), "Debian's Droid Sans Fallback has no Hangul")
        #expect("서울창고게이트웨이".unicodeScalars.allSatisfy(wenQuanYi.hasGlyph))
    }

    @Test func coversLatinGreekAndCyrillicButNotEverything() throws {
        let font = try Font(.sans)
        #expect("AzäßΩωЖж€…".unicodeScalars.allSatisfy(font.hasGlyph))
        #expect(!font.hasGlyph(for: "🚚") && !font.hasGlyph(for: "東"))
    }

    @Test func reportsAMissingFontWithWhatToInstall() {
        let error = #expect(throws: SheetError.fontNotFound(path: "/nonexistent/DejaVuSans.ttf")) {
            try Font(path: "/nonexistent/DejaVuSans.ttf")
        }
        #expect(error?.description.contains("fonts-dejavu-core") == true)
        #expect(error?.description.contains("fonts-droid-fallback") == true)
        #expect(error?.description.contains("fonts-wqy-microhei") == true)
    }

    @Test func reportsAFileThatIsNoFont() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("not-a-font.ttf")
            try Data("hello".utf8).write(to: url)
            let error = #expect(throws: SheetError.self) { try Font(path: url.path) }
            guard case let .freeTypeFailed(_, code) = error else {
                Issue.record("expected a FreeType error, got \(String(describing: error))")
                return
            }
            #expect(code == 2)
            #expect(error?.description.contains("unknown file format") == true)
        }
    }
}
