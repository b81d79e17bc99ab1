extension Font {
    /// The standard fonts: DejaVu from Debian's fonts-dejavu-core, which covers Latin, Greek and
    /// Cyrillic, and the fallbacks for the characters DejaVu lacks: Droid Sans Fallback from
    /// fonts-droid-fallback (Chinese and Japanese) and WenQuanYi Micro Hei from
    /// fonts-wqy-microhei (Korean, which Droid Sans Fallback lacks).
    public enum Standard: String, Sendable, CaseIterable {
        /// DejaVu Sans: labels' ordinary lines.
        case sans = "DejaVuSans.ttf"
        /// DejaVu Sans Bold: titles and headers.
        case sansBold = "DejaVuSans-Bold.ttf"
        /// DejaVu Sans Mono Bold: codes a person types.
        case monoBold = "DejaVuSansMono-Bold.ttf"
        /// Droid Sans Fallback: the first fallback, for Chinese and Japanese (Han, kana).
        case fallback = "DroidSansFallbackFull.ttf"
        /// WenQuanYi Micro Hei (the first face of the collection): the second fallback, for
        /// Korean (Hangul), in the style of Droid Sans Fallback.
        case koreanFallback = "wqy-microhei.ttc"

        /// Where Debian installs the DejaVu fonts.
        public static let directory = "/usr/share/fonts/truetype/dejavu"

        /// The fallbacks of every standard font, in order of preference. Regular fonts: none
        /// has a bold cut, so bold text falls back to regular characters.
        public static let fallbacks: [Standard] = [.fallback, .koreanFallback]

        /// The Debian package that installs the font file.
        public var package: String {
            switch self {
            case .sans, .sansBold, .monoBold: "fonts-dejavu-core"
            case .fallback: "fonts-droid-fallback"
            case .koreanFallback: "fonts-wqy-microhei"
            }
        }

        /// The full path of the font file.
        public var path: String {
            switch self {
            case .sans, .sansBold, .monoBold: "\(Self.directory)/\(rawValue)"
            case .fallback: "/usr/share/fonts/truetype/droid/\(rawValue)"
            case .koreanFallback: "/usr/share/fonts/truetype/wqy/\(rawValue)"
            }
        }
    }

    /// Loads a standard font from its Debian path. Throws `SheetError.fontNotFound`, whose
    /// message names the packages to install, if it is missing; otherwise like `init(path:)`.
    public convenience init(_ standard: Standard) throws(SheetError) {
        try self.init(path: standard.path)
    }
}
