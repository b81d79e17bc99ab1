import CPangoCairo
import Foundation

/// A PDF being written by Cairo into memory: pages of a paper size in points, each drawn in the
/// device pixels of a resolution (scaled to the page, so drawings stay vectors), with the fonts
/// of its text embedded as subsets. Not thread-safe.
final class PDFDocument {
    /// Collects what Cairo writes.
    private final class Output {
        var data = Data()
    }

    private let output = Output()
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private var finished = false

    /// An empty document with pages of `widthPoints × heightPoints` and `title` in its metadata.
    init(widthPoints: Double, heightPoints: Double, title: String) {
        surface = cairo_pdf_surface_create_for_stream({ closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Output>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(output).toOpaque(), widthPoints, heightPoints)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "insight")
        cairo = cairo_create(surface)
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    /// Adds a page and lets `draw` draw on it in pixels at `dotsPerInch`.
    func addPage(dotsPerInch: Int, draw: (PageCanvas) throws(SheetError) -> Void) throws(SheetError) {
        cairo_save(cairo)
        cairo_scale(cairo, 72 / Double(dotsPerInch), 72 / Double(dotsPerInch))
        try draw(PageCanvas(cairo: cairo, medium: .vector))
        cairo_restore(cairo)
        cairo_show_page(cairo)
    }

    /// The finished file. Throws `SheetError.drawingFailed` with Cairo's reason if it failed.
    func finish() throws(SheetError) -> Data {
        if !finished {
            cairo_surface_finish(surface)
            finished = true
        }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .drawingFailed(reason: String(cString: cairo_status_to_string(status))) }
        return withExtendedLifetime(output) { output.data }
    }
}
