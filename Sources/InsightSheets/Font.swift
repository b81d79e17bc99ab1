import CFreeType
import Foundation
import InsightBarcodes

/// A scalable font face (TrueType or OpenType) loaded with FreeType, which renders its glyphs as
/// 8-bit anti-aliased bitmaps at any pixel size and caches them.
///
/// A `Font` owns its FreeType library and face and frees both when it is released. It is not
/// thread-safe (FreeType faces are not, and the glyph cache is mutable); use it from one thread
/// or task at a time.
public final class Font {
    /// The file the font was loaded from.
    public let path: String
    /// The family name stored in the font, such as "DejaVu Sans".
    public let familyName: String
    /// The style name stored in the font, such as "Bold".
    public let styleName: String

    private let library: FT_Library
    private let face: FT_Face
    /// The pixel size the face is currently set to; 0 before the first glyph is rendered.
    private var currentPixelSize = 0
    private var glyphs: [GlyphKey: Glyph] = [:]

    /// Loads the first face of the font file at `path`.
    /// Throws `SheetError.fontNotFound` if there is no readable file there,
    /// `SheetError.freeTypeFailed` if FreeType cannot load it (for instance "unknown file format"),
    /// `SheetError.unsupportedFont` if it has no scalable outlines.
    public init(path: String) throws(SheetError) {
        guard FileManager.default.isReadableFile(atPath: path) else { throw .fontNotFound(path: path) }
        var library: FT_Library?
        let initError = FT_Init_FreeType(&library)
        guard initError == 0, let library else { throw .freeTypeFailed(operation: "to initialise", code: initError) }
        var face: FT_Face?
        let faceError = FT_New_Face(library, path, 0, &face)
        guard faceError == 0, let face else {
            FT_Done_FreeType(library)
            throw .freeTypeFailed(operation: "to load \(path)", code: faceError)
        }
        guard face.pointee.face_flags & FT_FACE_FLAG_SCALABLE != 0 else {
            FT_Done_Face(face)
            FT_Done_FreeType(library)
            throw .unsupportedFont(path: path)
        }
        self.path = path
        self.library = library
        self.face = face
        familyName = face.pointee.family_name.map { String(cString: $0) } ?? ""
        styleName = face.pointee.style_name.map { String(cString: $0) } ?? ""
    }

    deinit {
        FT_Done_Face(face)
        FT_Done_FreeType(library)
    }

    /// Whether the font has a glyph of its own for `scalar` (else .notdef stands in for it).
    public func hasGlyph(for scalar: Unicode.Scalar) -> Bool {
        glyphIndex(for: scalar) != 0
    }

    /// The line metrics at an em size of `pixelSize` pixels (at least 1).
    public func lineMetrics(pixelSize: Int) -> LineMetrics {
        setPixelSize(pixelSize)
        let metrics = face.pointee.size.pointee.metrics
        // 26.6 fixed point: round the ascent up and the (negative) descender down.
        let ascent = Int((metrics.ascender + 63) >> 6)
        let descent = Int(-(metrics.descender >> 6))
        return LineMetrics(ascent: ascent, descent: descent, lineHeight: max(Int((metrics.height + 32) >> 6), ascent + descent))
    }

    /// The glyph index for `scalar`; 0 (.notdef) if the font has none.
    func glyphIndex(for scalar: Unicode.Scalar) -> UInt32 {
        FT_Get_Char_Index(face, FT_ULong(scalar.value))
    }

    /// Glyph `index` rendered at an em size of `pixelSize` pixels, from the cache when it is there.
    /// A glyph FreeType cannot render comes back as .notdef, and if that fails too, as blank
    /// space half an em wide, so that text always lays out.
    func glyph(_ index: UInt32, pixelSize: Int) -> Glyph {
        let key = GlyphKey(index: index, pixelSize: pixelSize)
        if let glyph = glyphs[key] { return glyph }
        setPixelSize(pixelSize)
        let glyph: Glyph
        if shim_ft_load_rendered_glyph(face, index) == 0 {
            glyph = renderedGlyph()
        } else if index != 0 {
            glyph = self.glyph(0, pixelSize: pixelSize)
        } else {
            glyph = Glyph(image: GrayImage(width: 0, height: 0), left: 0, top: 0, advance: pixelSize * 32)
        }
        glyphs[key] = glyph
        return glyph
    }

    /// The kerning adjustment between glyphs `left` and `right` at `pixelSize`, in 1/64 pixel
    /// (usually negative or 0); 0 for a font without kerning data.
    func kerning(between left: UInt32, and right: UInt32, pixelSize: Int) -> Int {
        guard shim_ft_has_kerning(face) != 0, left != 0, right != 0 else { return 0 }
        setPixelSize(pixelSize)
        var delta = FT_Vector()
        guard FT_Get_Kerning(face, left, right, FT_UInt(FT_KERNING_DEFAULT.rawValue), &delta) == 0 else { return 0 }
        return Int(delta.x)
    }

    /// Sets the face's em size. It cannot fail for a scalable face (checked at loading), so a
    /// failure would be a FreeType bug and traps.
    private func setPixelSize(_ pixelSize: Int) {
        precondition(pixelSize >= 1, "pixel size \(pixelSize) must be at least 1")
        guard pixelSize != currentPixelSize else { return }
        let error = FT_Set_Pixel_Sizes(face, 0, FT_UInt(pixelSize))
        precondition(error == 0, "FreeType cannot set \(path) to \(pixelSize) px: error \(error)")
        currentPixelSize = pixelSize
    }

    /// The glyph in the face's glyph slot, just rendered, copied out as black ink on white.
    private func renderedGlyph() -> Glyph {
        let slot = face.pointee.glyph.pointee
        let bitmap = slot.bitmap
        let width = Int(bitmap.width), rows = Int(bitmap.rows)
        var ink = [UInt8](repeating: GrayImage.white, count: width * rows)
        // FT_LOAD_RENDER with a normal or light target yields 8-bit gray rows `pitch` bytes apart.
        if let buffer = bitmap.buffer, bitmap.pixel_mode == UInt8(FT_PIXEL_MODE_GRAY.rawValue) {
            ink.withUnsafeMutableBufferPointer { ink in
                for row in 0..<rows {
                    let source = buffer + row * Int(bitmap.pitch)
                    for column in 0..<width {
                        ink[row * width + column] = 255 - source[column]
                    }
                }
            }
        }
        return Glyph(image: GrayImage(width: width, height: rows, pixels: ink),
                     left: Int(slot.bitmap_left), top: Int(slot.bitmap_top), advance: Int(slot.advance.x))
    }
}
