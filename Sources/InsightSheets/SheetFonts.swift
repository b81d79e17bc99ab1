/// The three fonts a sheet is set in. Not thread-safe, like `Font`.
public struct SheetFonts {
    /// Label lines, the "Code" caption and the footer.
    public var regular: Font
    /// Label titles and the header.
    public var bold: Font
    /// Fallback codes.
    public var monospaced: Font

    /// A set of the given fonts.
    public init(regular: Font, bold: Font, monospaced: Font) {
        self.regular = regular
        self.bold = bold
        self.monospaced = monospaced
    }

    /// DejaVu Sans, DejaVu Sans Bold and DejaVu Sans Mono Bold from Debian's fonts-dejavu-core.
    /// Throws `SheetError.fontNotFound` if the package is not installed.
    public static func standard() throws(SheetError) -> SheetFonts {
        SheetFonts(regular: try Font(.sans), bold: try Font(.sansBold), monospaced: try Font(.monoBold))
    }
}
