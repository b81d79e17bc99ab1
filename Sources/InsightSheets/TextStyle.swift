import CPangoCairo

/// A font and size that text is set in: a fontconfig family, regular or bold, at a size in
/// typographic points. Characters the family lacks are drawn in whatever installed font
/// fontconfig ranks next for them (Noto for Arabic, Hebrew, Devanagari and Thai, Droid Sans
/// Fallback for Chinese and Japanese, WenQuanYi for Korean).
public struct TextStyle: Sendable, Hashable {
    /// The font family, such as "DejaVu Sans".
    public var family: String
    /// Whether the bold cut is used.
    public var bold: Bool
    /// The em size in points (1/72 inch).
    public var points: Double

    /// `family` at `points`, bold if asked.
    public init(family: String, bold: Bool = false, points: Double) {
        self.family = family
        self.bold = bold
        self.points = points
    }

    /// The family of label text: DejaVu Sans, from Debian's fonts-dejavu-core.
    public static let sansFamily = "DejaVu Sans"
    /// The family of codes a person types: DejaVu Sans Mono.
    public static let monospacedFamily = "DejaVu Sans Mono"

    /// A new Pango font description of the style; the caller frees it.
    func makeFontDescription() -> OpaquePointer {
        let description = pango_font_description_new()!
        pango_font_description_set_family(description, family)
        pango_font_description_set_weight(description, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_size(description, Int32((points * Double(shim_pango_scale)).rounded()))
        return description
    }
}
