/// The fonts a sheet is set in: three primary fonts and the fallbacks they share. Not
/// thread-safe, like `Font`.
public struct SheetFonts {
    /// Label lines, the "Code" caption and the footer.
    public var regular: Font
    /// Label titles and the header.
    public var bold: Font
    /// Fallback codes.
    public var monospaced: Font
    /// The fonts that draw, in this order of preference, the characters a primary font has no
    /// glyph for (see `TextRenderer.fallbacks`); the same for all three. May be empty.
    public var fallbacks: [Font]

    /// A set of the given fonts.
    public init(regular: Font, bold: Font, monospaced: Font, fallbacks: [Font] = []) {
        self.regular = regular
        self.bold = bold
        self.monospaced = monospaced
        self.fallbacks = fallbacks
    }

    /// DejaVu Sans, DejaVu Sans Bold and DejaVu Sans Mono Bold from Debian's fonts-dejavu-core,
    /// falling back to the fonts at `fallbackPaths`: by default Droid Sans Fallback from
    /// fonts-droid-fallback (Chinese, Japanese), then WenQuanYi Micro Hei from
    /// fonts-wqy-microhei (Korean). A fallback that is missing or cannot be loaded is left out:
    /// text still renders without it, with .notdef boxes for the characters only it has.
    /// Throws `SheetError.fontNotFound` if fonts-dejavu-core is not installed.
    public static func standard(fallbackPaths: [String] = Font.Standard.fallbacks.map(\.path)) throws(SheetError) -> SheetFonts {
        SheetFonts(regular: try Font(.sans), bold: try Font(.sansBold), monospaced: try Font(.monoBold),
                   fallbacks: fallbackPaths.compactMap { try? Font(path: $0) })
    }
}
