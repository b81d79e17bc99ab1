import InsightBarcodes

/// Draws a page's header, centred in the band above the label grid (the title at the left,
/// the page number at the right, both in line with the labels' padded content), and its
/// footer, if any, centred in the band below the grid.
struct HeaderPainter {
    let layout: SheetLayout
    let styles: SheetStyles

    /// Draws `header` on `page`. Throws `SheetError.invalidLayout` if the band above the grid
    /// (or below it, when there is a footer) is lower than a line of text.
    func paint(_ header: SheetHeader, on page: inout GrayImage) throws(SheetError) {
        let content = layout.gridFrame.insetBy(layout.labelPadding)
        let top = try band(from: 0, to: layout.topMargin, for: styles.header, what: "header")
        let pageWidth = styles.header.draw(header.pageText, into: &page, x: content.maxX - styles.header.width(of: header.pageText), y: top)
        styles.header.draw(header.title, into: &page, x: content.x, y: top, maxWidth: content.width - pageWidth - styles.header.pixelSize)
        if let footer = header.footer {
            let bottom = try band(from: layout.gridFrame.maxY, to: layout.pageHeight, for: styles.footer, what: "footer")
            styles.footer.draw(footer, into: &page, x: content.x, y: bottom, maxWidth: content.width)
        }
    }

    /// The top of a line of `renderer` centred between rows `start` and `end`.
    private func band(from start: Int, to end: Int, for renderer: TextRenderer, what: String) throws(SheetError) -> Int {
        guard end - start >= renderer.lineHeight else {
            throw .invalidLayout(reason: "the \(what) needs \(renderer.lineHeight) px but the margin has \(end - start) px")
        }
        return start + (end - start - renderer.lineHeight) / 2
    }
}
