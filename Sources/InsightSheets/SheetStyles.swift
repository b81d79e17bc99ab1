/// The text styles of one sheet, at the layout's type sizes.
struct SheetStyles {
    /// Label titles.
    let title: TextStyle
    /// Label lines and the "Code" caption.
    let line: TextStyle
    /// Fallback codes.
    let code: TextStyle
    /// The page header.
    let header: TextStyle
    /// The page footer.
    let footer: TextStyle

    /// The styles at the sizes of `typography`: DejaVu Sans (bold for titles and the header),
    /// DejaVu Sans Mono Bold for codes.
    init(typography: LabelTypography) {
        title = TextStyle(family: TextStyle.sansFamily, bold: true, points: typography.titlePoints)
        line = TextStyle(family: TextStyle.sansFamily, points: typography.linePoints)
        code = TextStyle(family: TextStyle.monospacedFamily, bold: true, points: typography.codePoints)
        header = TextStyle(family: TextStyle.sansFamily, bold: true, points: typography.headerPoints)
        footer = TextStyle(family: TextStyle.sansFamily, points: typography.headerPoints)
    }
}
