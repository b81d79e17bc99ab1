import CPangoCairo
import InsightBarcodes

/// Draws a page into an 8-bit gray raster.
enum RasterPage {
    /// A white `width × height` page with what `draw` put on it. Throws what `draw` throws, or
    /// `SheetError.drawingFailed` if Cairo fails (out of memory).
    static func render(width: Int, height: Int, draw: (PageCanvas) throws(SheetError) -> Void) throws(SheetError) -> GrayImage {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(width), Int32(height))
        defer { cairo_surface_destroy(surface) }
        let cairo = cairo_create(surface)!
        defer { cairo_destroy(cairo) }
        // The paper: full lightness everywhere.
        cairo_set_operator(cairo, CAIRO_OPERATOR_SOURCE)
        cairo_set_source_rgba(cairo, 0, 0, 0, 1)
        cairo_paint(cairo)
        try draw(PageCanvas(cairo: cairo, medium: .raster))
        cairo_surface_flush(surface)
        let status = cairo_status(cairo)
        guard status == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else {
            throw .drawingFailed(reason: String(cString: cairo_status_to_string(status)))
        }
        let stride = Int(cairo_image_surface_get_stride(surface))
        var pixels = [UInt8](repeating: 0, count: width * height)
        pixels.withUnsafeMutableBufferPointer { target in
            for row in 0..<height {
                (target.baseAddress! + row * width).update(from: data + row * stride, count: width)
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }
}
