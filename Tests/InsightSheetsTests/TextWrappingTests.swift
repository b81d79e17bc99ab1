import InsightSheets
import Testing

@Suite struct TextWrappingTests {
    let renderer: TextRenderer

    init() throws {
        renderer = try TextRenderer(font: Font(.sansBold), pixelSize: 50)
    }

    @Test func keepsShortTextOnOneLine() {
        #expect(renderer.wrapped("  Gateway   Picking-A\n01 ", toWidth: 1000, maxLines: 2) == ["Gateway Picking-A 01"])
    }

    @Test func breaksBetweenWordsAndAfterHyphensAndSlashes() {
        let width = renderer.width(of: "Gateway Picking-") + 5
        #expect(renderer.wrapped("Gateway Picking-A 01", toWidth: width, maxLines: 3) == ["Gateway Picking-", "A 01"])
        #expect(renderer.wrapped("Dock/North", toWidth: renderer.width(of: "Dock/No"), maxLines: 3) == ["Dock/", "North"])
    }

    @Test func ellipsizesTheLastLine() {
        let name = String(String(repeating: "Склад Ω-7 Gerät with a long name ", count: 7).prefix(200))
        let lines = renderer.wrapped(name, toWidth: 600, maxLines: 2)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { renderer.width(of: $0) <= 600 })
        #expect(lines[1].hasSuffix("…"))
        #expect(name.hasPrefix(lines[0]))
    }

    @Test func breaksAWordTooLongForALine() {
        let word = String(repeating: "W", count: 40)
        let lines = renderer.wrapped(word, toWidth: 300, maxLines: 10)
        #expect(lines.count > 1 && lines.joined() == word)
        #expect(lines.allSatisfy { renderer.width(of: $0) <= 300 })
    }

    @Test func alwaysAdvancesEvenWhenNothingFits() {
        #expect(renderer.wrapped("Wide", toWidth: 1, maxLines: 10) == ["W", "i", "d", "e"])
        #expect(renderer.wrapped("", toWidth: 500, maxLines: 2).isEmpty)
        #expect(renderer.wrapped(" \n ", toWidth: 500, maxLines: 2).isEmpty)
        #expect(renderer.wrapped("Gateway", toWidth: 500, maxLines: 0).isEmpty)
    }
}
