/// A primary font and its fallbacks, in order of preference: which of them draws each character.
///
/// A character is drawn in the primary font when it has a glyph for it, else in the first
/// fallback that has one, else as the primary font's .notdef. The choice for each character the
/// primary font lacks is cached, so that looking it up again costs one dictionary access and
/// text the primary font covers costs no more than without fallbacks. Not thread-safe, like
/// `Font`; shared by the copies of a `TextRenderer`.
final class FontChain {
    /// The primary font, then the fallbacks.
    let fonts: [Font]
    /// The font number and glyph index of each character the primary font has no glyph for
    /// that was looked up so far.
    private var fallbackChoices: [Unicode.Scalar: (font: Int, index: UInt32)] = [:]

    /// `primary`, falling back to `fallbacks` in this order.
    init(primary: Font, fallbacks: [Font]) {
        fonts = [primary] + fallbacks
    }

    /// The font (its number in `fonts`, 0 for the primary font) and the glyph index that draw
    /// `scalar` after a glyph of font number `previousFont` (-1 at the start of a line).
    /// A combining mark after a fallback's glyph stays in that fallback when it has the mark,
    /// so that a base character and its marks come from one font.
    func glyph(for scalar: Unicode.Scalar, after previousFont: Int) -> (font: Int, index: UInt32) {
        if previousFont > 0, scalar.properties.isCombiningMark {
            let index = fonts[previousFont].glyphIndex(for: scalar)
            if index != 0 { return (previousFont, index) }
        }
        let index = fonts[0].glyphIndex(for: scalar)
        if index != 0 || fonts.count == 1 { return (0, index) }
        if let choice = fallbackChoices[scalar] { return choice }
        var choice = (font: 0, index: UInt32(0))
        for number in fonts.indices.dropFirst() {
            let index = fonts[number].glyphIndex(for: scalar)
            if index != 0 {
                choice = (number, index)
                break
            }
        }
        fallbackChoices[scalar] = choice
        return choice
    }
}

private extension Unicode.Scalar.Properties {
    /// Whether the scalar is a combining mark (general category Mn, Mc or Me).
    var isCombiningMark: Bool {
        switch generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
