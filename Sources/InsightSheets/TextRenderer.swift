import Foundation
import InsightBarcodes

/// Measures and draws single lines of UTF-8 text in one font at one pixel size, anti-aliased in
/// 8-bit gray, with the font's kerning; characters the font lacks come from fallback fonts.
///
/// Text is normalised to NFC first, so that "a" + combining diaeresis draws as the font's "ä".
/// Line breaks, tabs and other white space draw as spaces. Each character the font has no
/// glyph for is drawn in the first of `fallbacks` that has one, at the same pixel size and on
/// the same baseline (in the line box of `font`), and kerned only against neighbours of its own
/// font; characters no font has draw as the font's .notdef glyph (a box in DejaVu). Like its
/// fonts, a renderer is not thread-safe.
public struct TextRenderer {
    /// The font the text is drawn in.
    public let font: Font
    /// The fonts, in order of preference, that draw the characters `font` has no glyph for.
    public let fallbacks: [Font]
    /// The em size in pixels.
    public let pixelSize: Int
    /// The line's vertical extent at this size, that of `font`.
    public let metrics: LineMetrics
    /// `font` and `fallbacks`, with the cache of which draws each character.
    private let chain: FontChain

    /// A renderer of `font` at an em size of `pixelSize` pixels, falling back to `fallbacks` in
    /// this order for the characters `font` lacks.
    /// Throws `SheetError.invalidArgument` unless `pixelSize` is between 1 and 2000.
    public init(font: Font, fallbacks: [Font] = [], pixelSize: Int) throws(SheetError) {
        guard (1...2000).contains(pixelSize) else {
            throw .invalidArgument(reason: "text size \(pixelSize) px must be between 1 and 2000")
        }
        self.font = font
        self.fallbacks = fallbacks
        self.pixelSize = pixelSize
        metrics = font.lineMetrics(pixelSize: pixelSize)
        chain = FontChain(primary: font, fallbacks: fallbacks)
    }

    /// The distance between consecutive baselines, in pixels: the height of a line box.
    public var lineHeight: Int { metrics.lineHeight }

    /// The advance width of `text` in pixels: how far the pen moves while drawing it, kerning
    /// included. A text is never narrower than its beginning, as long as no kerning pair of the
    /// font takes back more than a glyph's advance (true of DejaVu).
    public func width(of text: String) -> Int {
        layOut(text).width
    }

    /// Draws `text` into `image` in a line box whose top-left corner is (`x`, `y`), with the
    /// baseline `metrics.ascent` pixels below `y`, and returns the width of what was drawn.
    ///
    /// The box is `lineHeight` pixels high and `maxWidth` pixels wide; when `text` is wider than
    /// `maxWidth` it is truncated with an ellipsis (see `truncated(_:toWidth:)`). Without
    /// `maxWidth` the box is `width(of: text)` wide. Nothing is drawn outside the box (ink that
    /// overhangs it, such as a "j" reaching left of the pen, is clipped), or outside `image`.
    /// Pixels are only ever darkened, so text can be drawn on any light background.
    @discardableResult
    public func draw(_ text: String, into image: inout GrayImage, x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        let fitted = maxWidth.map { truncated(text, toWidth: $0) } ?? text
        let line = layOut(fitted)
        let boxWidth = maxWidth.map { min($0, line.width) } ?? line.width
        guard boxWidth > 0 else { return 0 }
        var box = GrayImage(width: boxWidth, height: lineHeight)
        for placed in line.glyphs {
            box.darken(with: placed.glyph.image, x: placed.x + placed.glyph.left, y: metrics.ascent - placed.glyph.top)
        }
        image.darken(with: box, x: x, y: y)
        return boxWidth
    }

    /// The glyphs of `text` with the pen position of each, in whole pixels from the start of
    /// the line, and the line's advance width. Each glyph comes from the font `chain` picks for
    /// its character; kerning applies between neighbours of the same font only.
    private func layOut(_ text: String) -> (glyphs: [(glyph: Glyph, x: Int)], width: Int) {
        var glyphs: [(glyph: Glyph, x: Int)] = []
        var pen = 0  // 1/64 pixel
        var previous = (font: -1, index: UInt32(0))
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            let scalar = scalar.properties.isWhitespace ? " " : scalar
            // The primary font directly, unless it lacks the glyph or a fallback's glyph came last.
            let primaryIndex = previous.font > 0 ? 0 : font.glyphIndex(for: scalar)
            let current = primaryIndex != 0 ? (font: 0, index: primaryIndex) : chain.glyph(for: scalar, after: previous.font)
            // Kerning only between glyphs of one font. The primary font's case is spelt out, so
            // that text it covers lays out as fast as without fallbacks.
            let glyph: Glyph
            if current.font == 0 {
                if previous.font == 0 { pen += font.kerning(between: previous.index, and: current.index, pixelSize: pixelSize) }
                glyph = font.glyph(current.index, pixelSize: pixelSize)
            } else {
                let fallback = chain.fonts[current.font]
                if current.font == previous.font {
                    pen += fallback.kerning(between: previous.index, and: current.index, pixelSize: pixelSize)
                }
                glyph = fallback.glyph(current.index, pixelSize: pixelSize)
            }
            glyphs.append((glyph, (pen + 32) >> 6))
            pen += glyph.advance
            previous = current
        }
        return (glyphs, max((pen + 32) >> 6, 0))
    }
}
