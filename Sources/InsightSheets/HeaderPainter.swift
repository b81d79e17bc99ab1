/// Draws a page's header, centred in the band above the label grid (the title at the left,
/// the page number at the right, both in line with the labels' padded content), and its
/// footer, if any, centred in the band below the grid.
struct HeaderPainter {
    let layout: SheetLayout
    let styles: SheetStyles
    let typesetter: Typesetter

    /// Draws `header` on `canvas`. Throws `SheetError.invalidLayout` if the band above the grid
    /// (or below it, when there is a footer) is lower than a line of text.
    func paint(_ header: SheetHeader, on canvas: PageCanvas) throws(SheetError) {
        let content = layout.gridFrame.insetBy(layout.labelPadding)
        let page = typesetter.layOut([(header.pageText, styles.header)])
        let gap = PrintUnits.pixels(points: layout.typography.headerPoints, dotsPerInch: layout.dotsPerInch)
        let title = typesetter.layOut([(header.title, styles.header)], width: max(content.width - page.width - gap, 1))
        let top = try band(from: 0, to: layout.topMargin, for: title, what: "header")
        canvas.draw(title, x: content.x, y: top)
        canvas.draw(page, x: content.maxX - page.width, y: top)
        if let footerText = header.footer {
            let footer = typesetter.layOut([(footerText, styles.footer)], width: content.width)
            canvas.draw(footer, x: content.x, y: try band(from: layout.gridFrame.maxY, to: layout.pageHeight, for: footer, what: "footer"))
        }
    }

    /// The top of `block` centred between rows `start` and `end`.
    private func band(from start: Int, to end: Int, for block: TextBlock, what: String) throws(SheetError) -> Int {
        guard end - start >= block.height else {
            throw .invalidLayout(reason: "the \(what) needs \(block.height) px but the margin has \(end - start) px")
        }
        return start + (end - start - block.height) / 2
    }
}
