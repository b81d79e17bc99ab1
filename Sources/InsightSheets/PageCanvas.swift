import CPangoCairo
import InsightBarcodes

/// One page being drawn through Cairo, in device pixels of the sheet's layout from the page's
/// top-left corner, on white paper: the same calls draw a raster page (`RasterSurface`) and a
/// vector PDF page (`PDFDocument`), so both come out the same.
///
/// Ink is given as the gray it leaves (0 black, 255 white). On a raster page the surface holds
/// the paper's lightness in its alpha channel and ink takes lightness away (Cairo's DEST_OUT
/// operator, which composes exactly as black ink laid OVER would), so the surface's bytes are
/// the page's gray values without a conversion pass.
final class PageCanvas {
    /// Where the page goes.
    enum Medium {
        /// An A8 image surface holding lightness.
        case raster
        /// A vector surface (PDF) in the usual colour model.
        case vector
    }

    let cairo: OpaquePointer
    let medium: Medium

    init(cairo: OpaquePointer, medium: Medium) {
        self.cairo = cairo
        self.medium = medium
    }

    /// Makes what follows draw in the gray `gray`.
    private func setInk(_ gray: UInt8) {
        switch medium {
        case .raster:
            cairo_set_operator(cairo, CAIRO_OPERATOR_DEST_OUT)
            cairo_set_source_rgba(cairo, 0, 0, 0, 1 - Double(gray) / 255)
        case .vector:
            cairo_set_operator(cairo, CAIRO_OPERATOR_OVER)
            cairo_set_source_rgb(cairo, Double(gray) / 255, Double(gray) / 255, Double(gray) / 255)
        }
    }

    /// Fills `rects` in `gray` (black unless told otherwise) as one path.
    func fill(_ rects: [PixelRect], gray: UInt8 = GrayImage.black) {
        guard !rects.isEmpty else { return }
        setInk(gray)
        for rect in rects {
            cairo_rectangle(cairo, Double(rect.x), Double(rect.y), Double(rect.width), Double(rect.height))
        }
        cairo_fill(cairo)
    }

    /// How far, in modules, the dark rectangles of a vector QR code lie inside their modules'
    /// edges (0.02 mm at the sheets' 0.68 mm modules). Edges exactly on device pixels get a light
    /// fringe from poppler's anti-aliasing; at 150 dpi (4-pixel modules) zbarimg then missed
    /// about one code in 200. Inset, every one of 1,000 decoded.
    static let vectorInset = 0.03

    /// Draws the dark modules of `code` as black squares of `moduleSize` pixels, the symbol's
    /// top-left module at (`x`, `y`). The quiet zone is the paper's white, which nothing else
    /// may draw on. On a raster page the modules are written into the surface directly. On a
    /// vector page they are rectangles in module units, each covering a run of dark modules in
    /// a row and as many rows below as repeat it, recorded apart and drawn scaled: a PDF form
    /// whose coordinates are small whole numbers, a third faster for Cairo to write than the
    /// same rectangles in page units. Each is inset by `vectorInset` modules on every side.
    func drawModules(of code: QRCode, x: Int, y: Int, moduleSize: Int) {
        let modules = Self.moduleRectangles(of: code)
        switch medium {
        case .vector:
            var extents = cairo_rectangle_t(x: 0, y: 0, width: Double(code.width), height: Double(code.width))
            let recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)
            defer { cairo_surface_destroy(recording) }
            let symbol = cairo_create(recording)
            for rect in modules {
                cairo_rectangle(symbol, Double(rect.x) + Self.vectorInset, Double(rect.y) + Self.vectorInset,
                                Double(rect.width) - 2 * Self.vectorInset, Double(rect.height) - 2 * Self.vectorInset)
            }
            cairo_fill(symbol)
            cairo_destroy(symbol)
            cairo_save(cairo)
            cairo_set_operator(cairo, CAIRO_OPERATOR_OVER)
            cairo_translate(cairo, Double(x), Double(y))
            cairo_scale(cairo, Double(moduleSize), Double(moduleSize))
            cairo_set_source_surface(cairo, recording, 0, 0)
            cairo_paint(cairo)
            cairo_restore(cairo)
        case .raster:
            let surface = cairo_get_target(cairo)
            cairo_surface_flush(surface)
            guard let data = cairo_image_surface_get_data(surface) else { return }
            let stride = Int(cairo_image_surface_get_stride(surface))
            let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
            for module in modules {
                let left = max(x + module.x * moduleSize, 0), right = min(x + module.maxX * moduleSize, width)
                guard left < right else { continue }
                for row in max(y + module.y * moduleSize, 0)..<min(y + module.maxY * moduleSize, height) {
                    (data + row * stride + left).update(repeating: 0, count: right - left)
                }
            }
            cairo_surface_mark_dirty(surface)
        }
    }

    /// The dark modules of `code` as rectangles in module units: each row's runs of dark
    /// modules, each grown down over the rows below that have the same run.
    static func moduleRectangles(of code: QRCode) -> [PixelRect] {
        var rects: [PixelRect] = []
        // The runs of the row above, in order: (start, end, index of the rectangle they grow).
        var above: [(start: Int, end: Int, rect: Int)] = []
        for (row, modules) in code.modules.enumerated() {
            var current: [(start: Int, end: Int, rect: Int)] = []
            var cursor = 0
            var column = 0
            while column < modules.count {
                guard modules[column] else { column += 1; continue }
                let start = column
                while column < modules.count, modules[column] { column += 1 }
                while cursor < above.count, above[cursor].start < start { cursor += 1 }
                if cursor < above.count, above[cursor].start == start, above[cursor].end == column {
                    rects[above[cursor].rect].height += 1
                    current.append(above[cursor])
                } else {
                    rects.append(PixelRect(x: start, y: row, width: column - start, height: 1))
                    current.append((start, column, rects.count - 1))
                }
            }
            above = current
        }
        return rects
    }

    /// Draws `block` with its layout's top-left corner at (`x`, `y`), in black.
    func draw(_ block: TextBlock, x: Int, y: Int) {
        setInk(GrayImage.black)
        cairo_move_to(cairo, Double(x), Double(y))
        pango_cairo_show_layout(cairo, block.layout)
    }

    /// Draws a dashed line `thickness` pixels wide along the edges of `rect`, centred on them
    /// (half outside, half inside), in `gray`. Dashes of `dash` pixels follow gaps of `gap`
    /// pixels in a pattern fixed to the page (not to `rect`), so that the outlines of labels
    /// that touch coincide into one line.
    func drawDashedOutline(around rect: PixelRect, thickness: Int, dash: Int, gap: Int, gray: UInt8) {
        let outside = thickness / 2
        let period = dash + gap
        var pieces: [PixelRect] = []
        for y in [rect.y, rect.maxY] {
            for run in Self.dashes(along: (rect.x - outside)..<(rect.maxX + outside), period: period, dash: dash) {
                pieces.append(PixelRect(x: run.lowerBound, y: y - outside, width: run.count, height: thickness))
            }
        }
        for x in [rect.x, rect.maxX] {
            for run in Self.dashes(along: (rect.y - outside)..<(rect.maxY + outside), period: period, dash: dash) {
                pieces.append(PixelRect(x: x - outside, y: run.lowerBound, width: thickness, height: run.count))
            }
        }
        fill(pieces, gray: gray)
    }

    /// The parts of `span` covered by a page-wide dash pattern: a dash `dash` long starting at
    /// every multiple of `period`.
    private static func dashes(along span: Range<Int>, period: Int, dash: Int) -> [Range<Int>] {
        let first = span.lowerBound - ((span.lowerBound % period) + period) % period
        return stride(from: first, to: span.upperBound, by: period).compactMap { start in
            let lower = max(start, span.lowerBound), upper = min(start + dash, span.upperBound)
            return lower < upper ? lower..<upper : nil
        }
    }
}
