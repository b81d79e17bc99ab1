import InsightBarcodes

/// Draws labels: each label's QR code (error correction M) with its white quiet zone, and its
/// title, lines and fallback code, all inside the label's frame less the layout's padding.
struct LabelPainter {
    /// The caption in front of the fallback code.
    static let codeCaption = "Code "

    let layout: SheetLayout
    let styles: SheetStyles
    let typesetter: Typesetter
    let codes: QRCodeCache
    /// The height of one line of title, kept free for each of a title's unused lines.
    private let titleLineHeight: Int

    init(layout: SheetLayout, styles: SheetStyles, typesetter: Typesetter, codes: QRCodeCache = QRCodeCache()) {
        self.layout = layout
        self.styles = styles
        self.typesetter = typesetter
        self.codes = codes
        titleLineHeight = typesetter.layOut([("Ag", styles.title)]).height
    }

    /// Draws `label`, number `labelIndex` over all pages, into `frame` on `canvas`, and returns
    /// where its parts went. Throws `SheetError.qrCodeFailed` if the payload makes no QR code
    /// (too long, or empty), `SheetError.labelDoesNotFit` if the code and the text do not both fit.
    @discardableResult
    func paint(_ label: LabelContent, labelIndex: Int, in frame: PixelRect, on canvas: PageCanvas) throws(SheetError) -> LabelGeometry {
        let code: QRCode
        do {
            code = try codes.code(for: label.qrPayload)
        } catch {
            throw .qrCodeFailed(labelIndex: labelIndex, error: BarcodeError(error))
        }
        let width = LabelGeometry.textWidth(frame: frame, layout: layout)
        let blocks = text(of: label, width: width)
        let stackedHeight = blocks.reduce(0) { $0 + $1.spaceAbove + $1.block.height }
        let titleLines = label.title.isEmpty ? 0 : blocks.first?.block.lineCount ?? 0
        let textHeight = stackedHeight + (layout.typography.titleMaxLines - titleLines) * titleLineHeight
        let geometry = try LabelGeometry(frame: frame, layout: layout, symbolWidth: code.width,
                                         textHeight: textHeight, labelIndex: labelIndex)
        let quiet = LabelGeometry.quietZone * geometry.moduleSize
        canvas.drawModules(of: code, x: geometry.qrBox.x + quiet, y: geometry.qrBox.y + quiet, moduleSize: geometry.moduleSize)
        let box = geometry.textBox
        var y = box.y + (box.height - stackedHeight) / 2
        for (block, spaceAbove) in blocks {
            y += spaceAbove
            canvas.draw(block, x: box.x, y: y)
            y += block.height
        }
        return geometry
    }

    /// The label's text as blocks `width` pixels wide, centred when the code is above the text,
    /// each with the blank pixels above it: the title wrapped onto at most the layout's title
    /// lines, then each line, then the caption and the fallback code, each cut short with "…"
    /// when too long. Half a line's size separates the title from the lines, and the lines from
    /// the code. Room is also kept for the title's unused lines (see `paint`), so that titles
    /// of one and two lines leave the QR codes on a sheet the same size.
    private func text(of label: LabelContent, width: Int) -> [(block: TextBlock, spaceAbove: Int)] {
        let centred = layout.arrangement == .qrAboveText
        let gap = PrintUnits.pixels(points: layout.typography.linePoints / 2, dotsPerInch: layout.dotsPerInch)
        var blocks: [(block: TextBlock, spaceAbove: Int)] = []
        if !label.title.isEmpty {
            blocks.append((typesetter.layOut([(label.title, styles.title)], width: width, maxLines: layout.typography.titleMaxLines, centred: centred), 0))
        }
        for (index, line) in label.lines.enumerated() {
            blocks.append((typesetter.layOut([(line, styles.line)], width: width, centred: centred), index == 0 && !blocks.isEmpty ? gap : 0))
        }
        if let code = label.fallbackCode {
            blocks.append((typesetter.layOut([(Self.codeCaption, styles.line), (code, styles.code)], width: width, centred: centred), blocks.isEmpty ? 0 : gap))
        }
        return blocks
    }
}
