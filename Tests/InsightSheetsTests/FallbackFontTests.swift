import Foundation
import InsightBarcodes
import InsightSheets
import InsightTestSupport
import Testing

/// Characters DejaVu lacks come from the fallbacks: Chinese and Japanese from Droid Sans
/// Fallback, Korean from WenQuanYi Micro Hei.
@Suite struct FallbackFontTests {
    let bold: Font
    let fallbacks: [Font]

    init() throws {
        bold = try Font(.sansBold)
        fallbacks = try Font.Standard.fallbacks.map { try Font($0) }
    }

    /// `text` drawn alone by `renderer` into an image the size of its line box.
    func image(of text: String, _ renderer: TextRenderer) -> GrayImage {
        var image = GrayImage(width: renderer.width(of: text), height: renderer.lineHeight)
        renderer.draw(text, into: &image, x: 0, y: 0)
        return image
    }

    @Test func drawsTheGlyphsOfCJKCharactersInsteadOfBoxes() throws {
        let primaryOnly = try TextRenderer(font: bold, pixelSize: 60)
        let withFallback = try TextRenderer(font: bold, fallbacks: fallbacks, pixelSize: 60)
        let box = image(of: "東", primaryOnly)
        #expect(box == image(of: "京", primaryOnly), "both the .notdef box")
        for (first, second) in [("東", "京"), ("倉", "庫"), ("ゲ", "ト"), ("서", "울"), ("창", "고")] {
            let one = image(of: first, withFallback), other = image(of: second, withFallback)
            let distinct = one != other, noBox = one != box && other != box
            #expect(distinct, "\(first) and \(second) differ")
            #expect(noBox, "\(first) and \(second) are no .notdef boxes")
            #expect(darkPixels(in: one, PixelRect(x: 0, y: 0, width: one.width, height: one.height)) > 100)
        }
    }

    @Test func cjkGlyphsSitOnTheBaselineInsideTheLineBox() throws {
        let renderer = try TextRenderer(font: bold, fallbacks: fallbacks, pixelSize: 100)
        for text in ["H", "東", "ゲ", "서"] {
            let image = image(of: text, renderer)
            let inkRows = (0..<image.height).filter { y in (0..<image.width).contains { image[$0, y] < 128 } }
            let first = try #require(inkRows.first), last = try #require(inkRows.last)
            #expect(first > 0, "\(text): not clipped at the top")
            // The ink ends at the baseline, or (ideographs) a little below it.
            #expect((renderer.metrics.ascent...renderer.metrics.ascent + renderer.pixelSize / 8).contains(last + 1), "\(text)")
        }
        #expect(renderer.lineHeight == (try TextRenderer(font: bold, pixelSize: 100)).lineHeight, "the primary font's line box")
    }

    @Test func mixedTextMeasuresAsTheSumOfItsParts() throws {
        let renderer = try TextRenderer(font: Font(.sans), fallbacks: fallbacks, pixelSize: 50)
        let mixed = "Gerät 東京"
        let parts = renderer.width(of: "Gerät ") + renderer.width(of: "東京")
        #expect(abs(renderer.width(of: mixed) - parts) <= 2)
        let characters = mixed.reduce(0) { $0 + renderer.width(of: String($1)) }
        #expect(abs(renderer.width(of: mixed) - characters) <= 2 * mixed.count, "only kerning differs")
        #expect(renderer.width(of: "東京") >= 2 * 45, "ideographs are about an em wide")
        var drawn = GrayImage(width: 600, height: renderer.lineHeight)
        #expect(renderer.draw(mixed, into: &drawn, x: 0, y: 0) == renderer.width(of: mixed))
    }

    @Test func truncatesAndWrapsCJKNamesWithinTheWidth() throws {
        let renderer = try TextRenderer(font: bold, fallbacks: fallbacks, pixelSize: 40)
        let name = "東京第一物流センター倉庫ゲートウェイ 서울 창고 제7번 게이트웨이 12"
        let full = renderer.width(of: name)
        for maxWidth in stride(from: 0, through: full + 10, by: 23) {
            let truncated = renderer.truncated(name, toWidth: maxWidth)
            #expect(renderer.width(of: truncated) <= maxWidth)
            var image = GrayImage(width: full + 20, height: renderer.lineHeight)
            #expect(renderer.draw(name, into: &image, x: 0, y: 0, maxWidth: maxWidth) <= maxWidth)
            if maxWidth >= full {
                #expect(truncated == name)
            } else if !truncated.isEmpty {
                #expect(truncated.hasSuffix("…") && name.hasPrefix(truncated.dropLast()))
            }
        }
        let lines = renderer.wrapped(name, toWidth: 300, maxLines: 3)
        #expect(lines.count == 3 && lines[2].hasSuffix("…"))
        #expect(lines.allSatisfy { !$0.isEmpty && renderer.width(of: $0) <= 300 })
        #expect(name.hasPrefix(lines[0] + lines[1]), "an unbroken run of ideographs breaks between characters")
    }

    @Test func aLabelWithACJKTitleDrawsItsCharacters() throws {
        let label = LabelContent(qrPayload: "https://insight.example/provisioning#t=cjk", title: "東京 倉庫 12",
                                 lines: ["Station: 東京"], fallbackCode: "7KQ2-M9XD-1000")
        let header = { (page: Int, count: Int) in SheetHeader(batchName: "2026-11-27", station: "東京", pageNumber: page + 1, pageCount: count) }
        let withFallback = try SheetRenderer().render(labels: [label], header: header, layout: .a4)
        let primaryOnly = try SheetRenderer(fonts: .standard(fallbackPaths: [])).render(labels: [label], header: header, layout: .a4)
        #expect(withFallback.count == 1 && primaryOnly.count == 1)
        #expect(withFallback != primaryOnly)
    }

    @Test func rendersWithoutTheFallbackWhenItIsMissing() throws {
        for paths in [["/nonexistent/DroidSansFallbackFull.ttf"], [], [Font.Standard.sans.path.replacingOccurrences(of: ".ttf", with: ".nope")]] {
            let fonts = try SheetFonts.standard(fallbackPaths: paths)
            #expect(fonts.fallbacks.isEmpty)
            let renderer = try TextRenderer(font: fonts.bold, fallbacks: fonts.fallbacks, pixelSize: 40)
            let boxes = image(of: "東", renderer) == image(of: "서", renderer)
            #expect(boxes, ".notdef boxes")
            #expect(renderer.width(of: "東京 倉庫 12") > 0)
            let labels = [LabelContent(qrPayload: "https://insight.example/p#t=1", title: "東京 倉庫 ゲートウェイ 12", fallbackCode: "7KQ2")]
            #expect(try SheetRenderer(fonts: fonts).render(labels: labels, header: sampleHeader, layout: .a4).count == 1)
        }
        #expect(try SheetFonts.standard().fallbacks.map(\.familyName) == ["Droid Sans Fallback", "WenQuanYi Micro Hei"])
        let partial = try SheetFonts.standard(fallbackPaths: ["/nonexistent/DroidSansFallbackFull.ttf", Font.Standard.koreanFallback.path])
        #expect(partial.fallbacks.map(\.familyName) == ["WenQuanYi Micro Hei"], "the fallbacks that are there")
    }

    /// The labels of the sample sheet in four scripts: every code decodes. With the environment
    /// variable INSIGHT_SHEETS_SAMPLE_PNG set to a path, the page is also written there to look at.
    @Test func sheetInFourScriptsDecodes() throws {
        let titles = ["東京 倉庫 ゲートウェイ 12", "서울 창고 7", "Склад Ω-7 Gerät", "Normal-GW-08"]
        let labels = titles.enumerated().map { index, title in
            LabelContent(qrPayload: "https://insight.example/provisioning#t=script-\(index)", title: title,
                         lines: ["Station: Picking-A", "Use case: Handheld scanner", "Token expires: 2026-12-27"],
                         fallbackCode: "7KQ2-M9XD-\(1000 + index)")
        }
        let png = try #require(try SheetRenderer().renderPNGs(labels: labels, header: sampleHeader, layout: .a4).first)
        if let path = ProcessInfo.processInfo.environment["INSIGHT_SHEETS_SAMPLE_PNG"] {
            try png.write(to: URL(fileURLWithPath: path))
        }
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("page.png")
            try png.write(to: url)
            #expect(try zbarPayloads(at: url) == Set(labels.map(\.qrPayload)))
        }
    }
}
