extension Font {
    /// The fonts of Debian's fonts-dejavu-core package, which cover Latin, Greek and Cyrillic.
    public enum Standard: String, Sendable, CaseIterable {
        /// DejaVu Sans: labels' ordinary lines.
        case sans = "DejaVuSans.ttf"
        /// DejaVu Sans Bold: titles and headers.
        case sansBold = "DejaVuSans-Bold.ttf"
        /// DejaVu Sans Mono Bold: codes a person types.
        case monoBold = "DejaVuSansMono-Bold.ttf"

        /// Where Debian installs the DejaVu fonts.
        public static let directory = "/usr/share/fonts/truetype/dejavu"

        /// The full path of the font file.
        public var path: String { "\(Self.directory)/\(rawValue)" }
    }

    /// Loads a standard DejaVu font from its Debian path. Throws `SheetError.fontNotFound`, whose
    /// message names the package to install, if it is missing; otherwise like `init(path:)`.
    public convenience init(_ standard: Standard) throws(SheetError) {
        try self.init(path: standard.path)
    }
}
