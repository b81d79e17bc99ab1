import InsightBarcodes
import InsightSheets
import Testing

@Suite struct TextRendererTests {
    static let samples = ["Hägar Ωμέγα Склад jy", "Token expires: 2026-12-27", "🚚 東京 \u{1}", "Tab\tand\nnewline"]

    @Test(arguments: samples)
    func drawsInsideItsBoxOnly(text: String) throws {
        let renderer = try TextRenderer(font: Font(.sans), pixelSize: 40)
        for maxWidth in [nil, 150] as [Int?] {
            var image = GrayImage(width: 1200, height: 200)
            let width = renderer.draw(text, into: &image, x: 60, y: 50, maxWidth: maxWidth)
            let box = PixelRect(x: 60, y: 50, width: width, height: renderer.lineHeight)
            #expect(width == renderer.width(of: maxWidth.map { renderer.truncated(text, toWidth: $0) } ?? text))
            #expect(width <= maxWidth ?? .max)
            #expect(darkPixels(in: image, box) > 100)
            #expect(darkPixels(in: image, PixelRect(x: 0, y: 0, width: 1200, height: 200)) == darkPixels(in: image, box))
            #expect(image.pixels.contains { $0 > 0 && $0 < 255 }, "anti-aliased edges")
        }
    }

    @Test func baselineIsAscentBelowTheTop() throws {
        let renderer = try TextRenderer(font: Font(.sans), pixelSize: 50)
        var image = GrayImage(width: 200, height: 100)
        renderer.draw("H", into: &image, x: 0, y: 0)
        let inkRows = (0..<100).filter { y in (0..<200).contains { image[$0, y] < 128 } }
        #expect(inkRows.last.map { $0 + 1 } == renderer.metrics.ascent)
        #expect(renderer.metrics.ascent + renderer.metrics.descent <= renderer.lineHeight)
    }

    @Test func measuringIsMonotonicAndScales() throws {
        let font = try Font(.sansBold)
        let small = try TextRenderer(font: font, pixelSize: 20), large = try TextRenderer(font: font, pixelSize: 60)
        let text = "AVAWAY Ta Te To Склад Ω-7 Gerät / \"quoted\" … 🚚"
        let widths = text.indices.map { small.width(of: String(text[..<$0])) } + [small.width(of: text)]
        #expect(widths.first == 0)
        #expect(zip(widths, widths.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(abs(Double(large.width(of: text)) / Double(3 * small.width(of: text)) - 1) < 0.05)
    }

    @Test func appliesKerning() throws {
        let renderer = try TextRenderer(font: Font(.sans), pixelSize: 100)
        #expect(renderer.width(of: "AV") < renderer.width(of: "A") + renderer.width(of: "V"))
        #expect(renderer.width(of: "HH") == 2 * renderer.width(of: "H"))
    }

    @Test func normalisesToPrecomposedCharacters() throws {
        let renderer = try TextRenderer(font: Font(.sans), pixelSize: 40)
        #expect(renderer.width(of: "Gera\u{308}t") == renderer.width(of: "Gerät"))
        var decomposed = GrayImage(width: 300, height: 60), precomposed = GrayImage(width: 300, height: 60)
        renderer.draw("Gera\u{308}t", into: &decomposed, x: 0, y: 0)
        renderer.draw("Gerät", into: &precomposed, x: 0, y: 0)
        #expect(decomposed == precomposed)
    }

    @Test func truncationRespectsTheMaximumWidth() throws {
        let renderer = try TextRenderer(font: Font(.sans), pixelSize: 35)
        let text = "Packing station gateway Склад Ω-7 with a very long name"
        let full = renderer.width(of: text)
        for maxWidth in stride(from: 0, through: full + 10, by: 7) {
            let truncated = renderer.truncated(text, toWidth: maxWidth)
            #expect(renderer.width(of: truncated) <= maxWidth)
            if maxWidth >= full {
                #expect(truncated == text)
            } else if !truncated.isEmpty {
                #expect(truncated.hasSuffix("…") && text.hasPrefix(truncated.dropLast()))
                #expect(truncated.dropLast().last?.isWhitespace != true)
            } else {
                #expect(maxWidth < renderer.width(of: "…"))
            }
        }
    }

    @Test func rejectsSizesOutOfRange() throws {
        let font = try Font(.sans)
        #expect(throws: SheetError.self) { try TextRenderer(font: font, pixelSize: 0) }
        #expect(throws: SheetError.self) { try TextRenderer(font: font, pixelSize: 5000) }
    }
}
