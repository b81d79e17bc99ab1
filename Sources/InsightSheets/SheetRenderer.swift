import Foundation
import InsightBarcodes

/// Renders printable sheets of provisioning labels: pages of QR codes with the text a person
/// reads next to them, under a header naming the batch, the station and the page.
///
/// Every QR code uses error correction M and keeps a white quiet zone of 4 modules; its modules
/// are whole pixels, as large as the label allows and never under 0.5 mm printed. Text is
/// truncated with "…" rather than run into the code or a neighbouring label. Not thread-safe
/// (its fonts are not); use one renderer per thread or task.
public struct SheetRenderer {
    /// The gray of cut lines: lighter than the text in 8-bit PNGs, and below the 50% threshold,
    /// so still printed, in 1-bit ones.
    private static let cutLineGray: UInt8 = 100

    /// The fonts the sheets are set in.
    public let fonts: SheetFonts

    /// A renderer setting sheets in `fonts`.
    public init(fonts: SheetFonts) {
        self.fonts = fonts
    }

    /// A renderer setting sheets in the standard fonts: DejaVu, falling back to Droid Sans
    /// Fallback (Chinese, Japanese) and WenQuanYi Micro Hei (Korean) where they are installed
    /// (see `SheetFonts.standard(fallbackPaths:)`). Throws `SheetError.fontNotFound` if
    /// fonts-dejavu-core is not installed.
    public init() throws(SheetError) {
        self.init(fonts: try .standard())
    }

    /// The pages of a sheet of `labels` in `layout`, `layout.labelsPerPage` labels a page (in
    /// order, row by row), each page under the header `header(pageIndex, pageCount)` returns
    /// (page indices from 0). Pages are white with black text and codes, and dashed gray cut
    /// lines if the layout asks for them. No labels make no pages.
    /// Throws `SheetError.invalidLayout` for a layout that `validate()` rejects or with no room
    /// for the header or footer, `SheetError.qrCodeFailed` for a payload that makes no QR code
    /// (empty, or too long), `SheetError.labelDoesNotFit` for a label whose code and text do not
    /// fit together.
    public func render(labels: [LabelContent], header: (_ pageIndex: Int, _ pageCount: Int) -> SheetHeader,
                       layout: SheetLayout) throws(SheetError) -> [GrayImage] {
        try layout.validate()
        let styles = try SheetStyles(fonts: fonts, layout: layout)
        let headerPainter = HeaderPainter(layout: layout, styles: styles)
        let labelPainter = LabelPainter(layout: layout, styles: styles)
        let pageCount = (labels.count + layout.labelsPerPage - 1) / layout.labelsPerPage
        var pages: [GrayImage] = []
        for pageIndex in 0..<pageCount {
            var page = GrayImage(width: layout.pageWidth, height: layout.pageHeight)
            try headerPainter.paint(header(pageIndex, pageCount), on: &page)
            let first = pageIndex * layout.labelsPerPage
            for (slot, label) in labels[first..<min(first + layout.labelsPerPage, labels.count)].enumerated() {
                let frame = layout.labelFrame(at: slot)
                if layout.drawsCutLines { drawCutLine(around: frame, on: &page, dotsPerInch: layout.dotsPerInch) }
                try labelPainter.paint(label, labelIndex: first + slot, in: frame, on: &page)
            }
            pages.append(page)
        }
        return pages
    }

    /// The pages of `render(labels:header:layout:)` as PNG files at the layout's resolution
    /// (pHYs chunk), black and white (1 bit, pixels below 50% gray become black) unless told
    /// otherwise. Throws what `render` throws, or `SheetError.pngEncodingFailed`.
    public func renderPNGs(labels: [LabelContent], header: (_ pageIndex: Int, _ pageCount: Int) -> SheetHeader,
                           layout: SheetLayout, bitDepth: PNGWriter.BitDepth = .one) throws(SheetError) -> [Data] {
        let writer = PNGWriter(bitDepth: bitDepth, dotsPerInch: layout.dotsPerInch)
        var files: [Data] = []
        for (pageIndex, page) in try render(labels: labels, header: header, layout: layout).enumerated() {
            do {
                files.append(try writer.encode(page))
            } catch {
                throw .pngEncodingFailed(pageIndex: pageIndex, error: BarcodeError(error))
            }
        }
        return files
    }

    /// Draws a dashed cut line 0.17 mm wide along `frame`'s edges: 1.5 mm dashes, 1 mm gaps.
    private func drawCutLine(around frame: PixelRect, on page: inout GrayImage, dotsPerInch: Int) {
        func px(_ millimetres: Double) -> Int { max(PrintUnits.pixels(millimetres: millimetres, dotsPerInch: dotsPerInch), 1) }
        page.drawDashedOutline(around: frame, thickness: px(0.17), dash: px(1.5), gap: px(1), value: Self.cutLineGray)
    }
}
