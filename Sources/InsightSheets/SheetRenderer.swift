import Foundation
import InsightBarcodes

/// Renders printable sheets of provisioning labels: pages of QR codes with the text a person
/// reads next to them, under a header naming the batch, the station and the page; as 8-bit
/// rasters, PNG files, or one vector PDF.
///
/// Every QR code uses error correction M and keeps a white quiet zone of 4 modules; its modules
/// are whole pixels of the layout, as large as the label allows and never under 0.5 mm printed
/// (in a PDF, vector squares of that size). Text is shaped and ordered by Pango (any script,
/// either direction), wrapped or cut short with "…" rather than run into the code or a
/// neighbouring label. Not thread-safe (Pango is not); use one renderer per thread or task, and
/// keep it for many pages: it keeps the fonts it loaded.
public final class SheetRenderer {
    /// The gray of cut lines: lighter than the text in 8-bit PNGs, and below the 50% threshold,
    /// so still printed, in 1-bit ones.
    private static let cutLineGray: UInt8 = 100

    /// A renderer in the standard fonts (see `TextStyle`). Throws `SheetError.fontNotFound` if
    /// fonts-dejavu-core is not installed.
    public init() throws(SheetError) {
        _ = try typesetter(dotsPerInch: 300)
    }

    /// The typesetter of each resolution used so far.
    private var typesetters: [Int: Typesetter] = [:]
    /// The QR codes of the labels rendered last.
    private let codes = QRCodeCache()
    /// The raster page of the size rendered last.
    private var raster: RasterSurface?

    /// A raster page of `width × height`: the last one, if it is that size.
    private func rasterSurface(width: Int, height: Int) throws(SheetError) -> RasterSurface {
        if let raster, raster.width == width, raster.height == height { return raster }
        let made = try RasterSurface(width: width, height: height)
        raster = made
        return made
    }

    /// The typesetter at `dotsPerInch`, made on first use.
    private func typesetter(dotsPerInch: Int) throws(SheetError) -> Typesetter {
        if let known = typesetters[dotsPerInch] { return known }
        let made = try Typesetter(dotsPerInch: dotsPerInch)
        typesetters[dotsPerInch] = made
        return made
    }

    /// The pages of a sheet of `labels` in `layout`, `layout.labelsPerPage` labels a page (in
    /// order, row by row), each page under the header `header(pageIndex, pageCount)` returns
    /// (page indices from 0), or under none when `header` is nil (thermal labels). Pages are
    /// white with black text and codes, and dashed gray cut lines if the layout asks for them.
    /// No labels make no pages.
    /// Throws `SheetError.invalidLayout` for a layout that `validate()` rejects or with no room
    /// for the header or footer, `SheetError.qrCodeFailed` for a payload that makes no QR code
    /// (empty, or too long), `SheetError.labelDoesNotFit` for a label whose code and text do not
    /// fit together.
    public func render(labels: [LabelContent], header: ((_ pageIndex: Int, _ pageCount: Int) -> SheetHeader)?,
                       layout: SheetLayout) throws(SheetError) -> [GrayImage] {
        var pages: [GrayImage] = []
        let surface = try rasterSurface(width: layout.pageWidth, height: layout.pageHeight)
        try paintPages(labels: labels, header: header, layout: layout) { paint throws(SheetError) in
            try surface.draw(paint)
            pages.append(surface.image())
        }
        return pages
    }

    /// The pages of `render(labels:header:layout:)` as PNG files at the layout's resolution
    /// (pHYs chunk), black and white (1 bit, pixels below 50% gray become black) unless told
    /// otherwise. Throws what `render` throws, or `SheetError.pngEncodingFailed`.
    public func renderPNGs(labels: [LabelContent], header: ((_ pageIndex: Int, _ pageCount: Int) -> SheetHeader)?,
                           layout: SheetLayout, bitDepth: PNGWriter.BitDepth = .one) throws(SheetError) -> [Data] {
        let writer = PNGWriter(bitDepth: bitDepth, dotsPerInch: layout.dotsPerInch)
        var files: [Data] = []
        let surface = try rasterSurface(width: layout.pageWidth, height: layout.pageHeight)
        try paintPages(labels: labels, header: header, layout: layout) { paint throws(SheetError) in
            try surface.draw(paint)
            do {
                files.append(try surface.png(writer))
            } catch {
                throw .pngEncodingFailed(pageIndex: files.count, error: BarcodeError(error))
            }
        }
        return files
    }

    /// One PDF of the same pages as `render(labels:header:layout:)`, each `sections` element
    /// starting on a new page with its own headers: pages of the layout's paper size, codes as
    /// vector squares, text in embedded font subsets (searchable, in logical order), `title` in
    /// the document's metadata. Throws what `render` throws, or `SheetError.drawingFailed`.
    public func renderPDF(sections: [(labels: [LabelContent], header: (_ pageIndex: Int, _ pageCount: Int) -> SheetHeader)],
                          layout: SheetLayout, title: String) throws(SheetError) -> Data {
        let document = PDFDocument(widthPoints: layout.paper.widthPoints, heightPoints: layout.paper.heightPoints, title: title)
        for section in sections {
            try paintPages(labels: section.labels, header: section.header, layout: layout) { paint throws(SheetError) in
                try document.addPage(dotsPerInch: layout.dotsPerInch, draw: paint)
            }
        }
        return try document.finish()
    }

    /// Calls `page` once a page with the function that paints it on a canvas.
    private func paintPages(labels: [LabelContent], header: ((Int, Int) -> SheetHeader)?, layout: SheetLayout,
                            page: (_ paint: (PageCanvas) throws(SheetError) -> Void) throws(SheetError) -> Void) throws(SheetError) {
        try layout.validate()
        let typesetter = try typesetter(dotsPerInch: layout.dotsPerInch)
        let styles = SheetStyles(typography: layout.typography)
        let headerPainter = HeaderPainter(layout: layout, styles: styles, typesetter: typesetter)
        let labelPainter = LabelPainter(layout: layout, styles: styles, typesetter: typesetter, codes: codes)
        let pageCount = (labels.count + layout.labelsPerPage - 1) / layout.labelsPerPage
        for pageIndex in 0..<pageCount {
            try page { canvas throws(SheetError) in
                if let header { try headerPainter.paint(header(pageIndex, pageCount), on: canvas) }
                let first = pageIndex * layout.labelsPerPage
                for (slot, label) in labels[first..<min(first + layout.labelsPerPage, labels.count)].enumerated() {
                    let frame = layout.labelFrame(at: slot)
                    if layout.drawsCutLines { drawCutLine(around: frame, on: canvas, dotsPerInch: layout.dotsPerInch) }
                    try labelPainter.paint(label, labelIndex: first + slot, in: frame, on: canvas)
                }
            }
        }
    }

    /// Draws a dashed cut line 0.17 mm wide along `frame`'s edges: 1.5 mm dashes, 1 mm gaps.
    private func drawCutLine(around frame: PixelRect, on canvas: PageCanvas, dotsPerInch: Int) {
        func px(_ millimetres: Double) -> Int { max(PrintUnits.pixels(millimetres: millimetres, dotsPerInch: dotsPerInch), 1) }
        canvas.drawDashedOutline(around: frame, thickness: px(0.17), dash: px(1.5), gap: px(1), gray: Self.cutLineGray)
    }
}
