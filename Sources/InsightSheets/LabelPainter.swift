import InsightBarcodes

/// Draws labels: each label's QR code (error correction M) with its white quiet zone, and its
/// title, lines and fallback code, all inside the label's frame less the layout's padding.
struct LabelPainter {
    /// The caption in front of the fallback code.
    static let codeCaption = "Code "

    let layout: SheetLayout
    let styles: SheetStyles

    /// Draws `label`, number `labelIndex` over all pages, into `frame` on `page`, and returns
    /// where its parts went. Throws `SheetError.qrCodeFailed` if the payload makes no QR code
    /// (too long, or empty), `SheetError.labelDoesNotFit` if the code and the text do not both fit.
    @discardableResult
    func paint(_ label: LabelContent, labelIndex: Int, in frame: PixelRect, on page: inout GrayImage) throws(SheetError) -> LabelGeometry {
        let code: QRCode
        do {
            code = try QRCode(string: label.qrPayload, errorCorrection: .medium)
        } catch {
            throw .qrCodeFailed(labelIndex: labelIndex, error: BarcodeError(error))
        }
        let (lines, reservedHeight) = text(of: label, width: LabelGeometry.textWidth(frame: frame, layout: layout))
        let geometry = try LabelGeometry(frame: frame, layout: layout, symbolWidth: code.width,
                                         textHeight: reservedHeight, labelIndex: labelIndex)
        do {
            try page.draw(code, x: geometry.qrBox.x, y: geometry.qrBox.y, moduleSize: geometry.moduleSize, quietZone: LabelGeometry.quietZone)
        } catch {
            throw .qrCodeFailed(labelIndex: labelIndex, error: BarcodeError(error))
        }
        let box = geometry.textBox
        let block = PixelRect(x: box.x, y: box.y + (box.height - lines.height) / 2, width: box.width, height: lines.height)
        lines.draw(into: &page, in: block, centred: layout.arrangement == .qrAboveText)
        return geometry
    }

    /// The label's text as lines at most `width` pixels wide: the title wrapped onto at most
    /// the layout's title lines, then each line, then the caption and the fallback code. The
    /// height kept for them is their own plus room for the title's unused lines, so that titles
    /// of one and two lines leave the QR codes on a sheet the same size.
    private func text(of label: LabelContent, width: Int) -> (lines: [TextLine], reservedHeight: Int) {
        let gap = styles.line.pixelSize / 2
        let title = styles.title.wrapped(label.title, toWidth: width, maxLines: layout.typography.titleMaxLines)
            .map { TextLine(runs: [($0, styles.title)], spaceAbove: 0) }
        let lines = label.lines.enumerated().map { index, line in
            TextLine(runs: [(line, styles.line)], spaceAbove: index == 0 && !title.isEmpty ? gap : 0)
        }
        let code = label.fallbackCode.map {
            TextLine(runs: [(Self.codeCaption, styles.line), ($0, styles.code)], spaceAbove: title.isEmpty && lines.isEmpty ? 0 : gap)
        }
        let all = title + lines + (code.map { [$0] } ?? [])
        return (all, all.height + (layout.typography.titleMaxLines - title.count) * styles.title.lineHeight)
    }
}
