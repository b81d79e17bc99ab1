import CPangoCairo

/// Text laid out by a `Typesetter`, ready to measure and draw.
final class TextBlock {
    /// The Pango layout, owned by the block.
    let layout: OpaquePointer
    /// The width of the block's logical extent in pixels (the layout width when one was set).
    let width: Int
    /// The height of its lines together in pixels.
    let height: Int
    /// How many lines the text took.
    let lineCount: Int

    /// The block of `layout`, which it takes ownership of.
    init(layout: OpaquePointer) {
        self.layout = layout
        var logical = PangoRectangle()
        pango_layout_get_pixel_extents(layout, nil, &logical)
        let setWidth = pango_layout_get_width(layout)
        width = setWidth > 0 ? Int(setWidth / shim_pango_scale) : Int(logical.width)
        height = Int(logical.height)
        lineCount = Int(pango_layout_get_line_count(layout))
    }

    /// The advance width of the text itself in pixels, whatever width it was laid out in.
    var textWidth: Int {
        var logical = PangoRectangle()
        pango_layout_get_pixel_extents(layout, nil, &logical)
        return Int(logical.width)
    }

    /// Whether the text was cut short with "…".
    var isEllipsized: Bool { pango_layout_is_ellipsized(layout) != 0 }

    /// How many characters no installed font has a glyph for (drawn as boxes).
    var unknownGlyphCount: Int { Int(pango_layout_get_unknown_glyphs_count(layout)) }

    /// The x position in pixels of the character starting at UTF-8 offset `index`: its leading
    /// edge, the right edge for a right-to-left character.
    func xPosition(ofByteOffset index: Int) -> Int {
        var position = PangoRectangle()
        pango_layout_index_to_pos(layout, Int32(index), &position)
        return Int(position.x / shim_pango_scale)
    }

    deinit { shim_g_object_unref(UnsafeMutableRawPointer(layout)) }
}
