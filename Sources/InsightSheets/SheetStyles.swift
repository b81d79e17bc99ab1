/// The text renderers of one sheet: its fonts at the layout's type sizes.
struct SheetStyles {
    /// Label titles.
    let title: TextRenderer
    /// Label lines and the "Code" caption.
    let line: TextRenderer
    /// Fallback codes.
    let code: TextRenderer
    /// The page header.
    let header: TextRenderer
    /// The page footer.
    let footer: TextRenderer

    /// `fonts`, each falling back to `fonts.fallbacks`, at the sizes of `layout.typography` and
    /// `layout.dotsPerInch`.
    /// Throws `SheetError.invalidArgument` for a type size that comes to no pixels or too many.
    init(fonts: SheetFonts, layout: SheetLayout) throws(SheetError) {
        let typography = layout.typography
        func renderer(_ font: Font, _ points: Double) throws(SheetError) -> TextRenderer {
            try TextRenderer(font: font, fallbacks: fonts.fallbacks,
                             pixelSize: PrintUnits.pixels(points: points, dotsPerInch: layout.dotsPerInch))
        }
        title = try renderer(fonts.bold, typography.titlePoints)
        line = try renderer(fonts.regular, typography.linePoints)
        code = try renderer(fonts.monospaced, typography.codePoints)
        header = try renderer(fonts.bold, typography.headerPoints)
        footer = try renderer(fonts.regular, typography.headerPoints)
    }
}
