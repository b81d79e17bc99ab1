import InsightBarcodes
@testable import InsightSheets
import Testing

@Suite struct LabelPainterTests {
    /// Every label of the samples, alone on a page: the quiet zone stays white, modules are
    /// at least 0.5 mm, the text stays out of the code and inside the padded frame.
    @Test(arguments: [SheetLayout.a4, .letter, .labels])
    func keepsCodeAndTextApart(layout: SheetLayout) throws {
        let painter = try LabelPainter(layout: layout, styles: SheetStyles(fonts: .standard(), layout: layout))
        let frame = layout.labelFrame(at: layout.labelsPerPage - 1)
        let content = frame.insetBy(layout.labelPadding)
        for (index, label) in sampleLabels.enumerated() {
            var page = GrayImage(width: layout.pageWidth, height: layout.pageHeight)
            let geometry = try painter.paint(label, labelIndex: index, in: frame, on: &page)
            let quietZone = LabelGeometry.quietZone * geometry.moduleSize
            let symbol = geometry.qrBox.insetBy(quietZone)
            #expect(geometry.moduleSize >= layout.minimumModuleSize)
            #expect(!geometry.qrBox.intersects(geometry.textBox))
            #expect(darkPixels(in: page, geometry.qrBox) == darkPixels(in: page, symbol), "quiet zone is white")
            #expect(darkPixels(in: page, symbol) > 0)
            let text = darkPixels(in: page, geometry.textBox)
            #expect(text > 1000)
            let everything = darkPixels(in: page, PixelRect(x: 0, y: 0, width: page.width, height: page.height))
            #expect(everything == darkPixels(in: page, symbol) + text, "no ink outside the code and the text box")
            #expect(content.contains(x: geometry.textBox.x, y: geometry.textBox.y)
                && content.contains(x: geometry.textBox.maxX - 1, y: geometry.textBox.maxY - 1))
            #expect(content.contains(x: geometry.qrBox.x, y: geometry.qrBox.y)
                && content.contains(x: geometry.qrBox.maxX - 1, y: geometry.qrBox.maxY - 1))
        }
    }

    @Test func reportsTextThatDoesNotFit() throws {
        let layout = SheetLayout.labels
        let painter = try LabelPainter(layout: layout, styles: SheetStyles(fonts: .standard(), layout: layout))
        var page = GrayImage(width: 10, height: 10)
        let crowded = LabelContent(qrPayload: "x", title: "Gateway", lines: Array(repeating: "Line", count: 12))
        #expect(throws: SheetError.self) { try painter.paint(crowded, labelIndex: 3, in: layout.labelFrame(at: 0), on: &page) }
    }
}
