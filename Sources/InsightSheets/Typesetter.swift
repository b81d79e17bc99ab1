import CPangoCairo

/// Lays out text with Pango at a print resolution: shaping by HarfBuzz, bidirectional ordering by
/// FriBidi, fonts found by fontconfig with fallback. Layouts are measured in device pixels at
/// `dotsPerInch` with hinting off, so that the same text takes the same room in a PNG and in a
/// PDF. Not thread-safe (Pango objects are not): use one per thread or task.
final class Typesetter {
    /// The height of a line in ems of its text: DejaVu Sans's own (ascent and descent), so that
    /// the text of a label, and so its QR code, take the room they always had.
    static let lineHeightInEms = 1.164
    /// The resolution that point sizes are converted at.
    let dotsPerInch: Int
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    /// The Pango context every layout is made in.
    let context: OpaquePointer

    /// A typesetter at `dotsPerInch`. Throws `SheetError.fontNotFound` if fontconfig resolves a
    /// family of `TextStyle` to another font (its package is not installed).
    init(dotsPerInch: Int) throws(SheetError) {
        self.dotsPerInch = dotsPerInch
        fontMap = pango_cairo_font_map_new()
        context = pango_font_map_create_context(fontMap)
        pango_cairo_context_set_resolution(context, Double(dotsPerInch))
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        for family in [TextStyle.sansFamily, TextStyle.monospacedFamily] {
            let resolved = resolvedFamily(of: TextStyle(family: family, points: 10))
            guard resolved.lowercased() == family.lowercased() else {
                throw .fontNotFound(family: family, resolvedTo: resolved)
            }
        }
    }

    deinit {
        shim_g_object_unref(UnsafeMutableRawPointer(context))
        shim_g_object_unref(fontMap)
    }

    /// The family fontconfig loads for `style`.
    private func resolvedFamily(of style: TextStyle) -> String {
        let description = style.makeFontDescription()
        defer { pango_font_description_free(description) }
        guard let font = pango_font_map_load_font(fontMap, context, description) else { return "" }
        defer { shim_g_object_unref(font) }
        let loaded = pango_font_describe(font)
        defer { pango_font_description_free(loaded) }
        return pango_font_description_get_family(loaded).map { String(cString: $0) } ?? ""
    }

    /// `runs` laid out as one paragraph: each run's text in its style, one after the other in
    /// logical order (Pango orders right-to-left runs for display). With a `width`, lines
    /// longer than it are wrapped at word (else character) boundaries onto at most `maxLines`
    /// lines, and the last is cut short with "…"; the lines are aligned in that width (start,
    /// for right-to-left text the right edge, or centre). Without a width the text stays on one
    /// line. Line breaks and tabs in the text are drawn as spaces.
    func layOut(_ runs: [(text: String, style: TextStyle)], width: Int? = nil, maxLines: Int = 1, centred: Bool = false) -> TextBlock {
        let layout = pango_layout_new(context)!
        let text = runs.map { Self.flattened($0.text) }.joined()
        pango_layout_set_text(layout, text, -1)
        let attributes = pango_attr_list_new()
        var start: UInt32 = 0
        for run in runs {
            let runText = Self.flattened(run.text)
            let end = start + UInt32(runText.utf8.count)
            insertFont(of: run.style, into: attributes, from: start, to: end)
            var arabic = run.style
            arabic.family = ScriptFonts.arabicFamily
            for range in ScriptFonts.arabicRanges(in: runText) {
                insertFont(of: arabic, into: attributes, from: start + UInt32(range.lowerBound), to: start + UInt32(range.upperBound))
            }
            start = end
        }
        // Every line as high as `lineHeightInEms` of its largest style, whatever fonts fall back: a label's
        // text takes the same room in any script, and the QR codes of a sheet the same size.
        let ems = runs.map(\.style.points).max() ?? 0
        let lineHeight = ems / 72 * Double(dotsPerInch) * Self.lineHeightInEms
        shim_pango_attr_list_insert_range(attributes, pango_attr_line_height_new_absolute(Int32((lineHeight * Double(shim_pango_scale)).rounded())), 0, start)
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        if let width {
            pango_layout_set_width(layout, Int32(max(width, 1)) * shim_pango_scale)
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            pango_layout_set_height(layout, -Int32(max(maxLines, 1)))
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
            pango_layout_set_alignment(layout, centred ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT)
        }
        return TextBlock(layout: layout)
    }

    /// Sets the UTF-8 bytes [`start`, `end`) in `style` (over what was set before).
    private func insertFont(of style: TextStyle, into attributes: OpaquePointer?, from start: UInt32, to end: UInt32) {
        let description = style.makeFontDescription()
        shim_pango_attr_list_insert_range(attributes, pango_attr_font_desc_new(description), start, end)
        pango_font_description_free(description)
    }

    /// `text` with line breaks and tabs as spaces, so that a name is one paragraph.
    private static func flattened(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
