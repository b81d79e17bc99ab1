import CPangoCairo
import Foundation
import InsightBarcodes

/// An 8-bit gray page that Cairo draws into, kept for page after page of one size so that its
/// 8.7 MB (an A4 page at 300 dpi) are allocated once. Not thread-safe.
final class RasterSurface {
    let width: Int
    let height: Int
    private let surface: OpaquePointer

    /// A white page of `width × height` pixels. Throws `SheetError.drawingFailed` if Cairo
    /// cannot make it (out of memory, or a size beyond its limits).
    init(width: Int, height: Int) throws(SheetError) {
        self.width = width
        self.height = height
        surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(width), Int32(height))
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .drawingFailed(reason: String(cString: cairo_status_to_string(status)))
        }
    }

    deinit { cairo_surface_destroy(surface) }

    /// Makes the page white, then lets `draw` draw on it. Throws what `draw` throws, or
    /// `SheetError.drawingFailed` if Cairo fails.
    func draw(_ draw: (PageCanvas) throws(SheetError) -> Void) throws(SheetError) {
        let cairo = cairo_create(surface)!
        defer { cairo_destroy(cairo) }
        // The paper: full lightness everywhere.
        cairo_set_operator(cairo, CAIRO_OPERATOR_SOURCE)
        cairo_set_source_rgba(cairo, 0, 0, 0, 1)
        cairo_paint(cairo)
        try draw(PageCanvas(cairo: cairo, medium: .raster))
        cairo_surface_flush(surface)
        let status = cairo_status(cairo)
        guard status == CAIRO_STATUS_SUCCESS else { throw .drawingFailed(reason: String(cString: cairo_status_to_string(status))) }
    }

    /// The page as drawn.
    func image() -> GrayImage {
        var pixels = [UInt8](repeating: 0, count: width * height)
        withPixels { source, stride in
            pixels.withUnsafeMutableBytes { target in
                for row in 0..<height {
                    target.baseAddress!.advanced(by: row * width).copyMemory(from: source.baseAddress!.advanced(by: row * stride), byteCount: width)
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// The page as drawn, encoded by `writer` straight from the surface's memory.
    func png(_ writer: PNGWriter) throws -> Data {
        try withPixels { pixels, stride in try writer.encode(grayPixels: pixels, width: width, height: height, rowStride: stride) }
    }

    private func withPixels<T>(_ body: (UnsafeRawBufferPointer, Int) throws -> T) rethrows -> T {
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = UnsafeRawBufferPointer(start: cairo_image_surface_get_data(surface), count: stride * height)
        return try body(data, stride)
    }

    /// A `width × height` page with what `draw` put on it (see `draw(_:)`).
    static func image(width: Int, height: Int, draw: (PageCanvas) throws(SheetError) -> Void) throws(SheetError) -> GrayImage {
        let surface = try RasterSurface(width: width, height: height)
        try surface.draw(draw)
        return surface.image()
    }
}
