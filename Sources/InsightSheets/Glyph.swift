import InsightBarcodes

/// One rendered glyph at one pixel size, ready to be laid over a page with `GrayImage.darken`.
struct Glyph {
    /// The anti-aliased ink, black on white (coverage inverted: 255 − coverage).
    let image: GrayImage
    /// Pixels from the pen position to the image's left edge (may be negative).
    let left: Int
    /// Pixels from the baseline up to the image's top edge.
    let top: Int
    /// How far the pen moves after the glyph, in 1/64 pixel.
    let advance: Int
}

/// A glyph of a face at a pixel size: the key of a font's glyph cache.
struct GlyphKey: Hashable {
    /// The glyph index in the face (0 is .notdef).
    let index: UInt32
    /// The em size in pixels.
    let pixelSize: Int
}
