import InsightBarcodes
@testable import InsightSheets
import Testing

@Suite struct LabelPainterTests {
    /// Every label of the samples, alone on a page: the quiet zone stays white, modules are
    /// at least 0.5 mm, the text stays out of the code and inside the padded frame.
    @Test(arguments: [SheetLayout.a4, .letter, .labels])
    func keepsCodeAndTextApart(layout: SheetLayout) throws {
        let painter = try LabelPainter(layout: layout, styles: SheetStyles(typography: layout.typography), typesetter: Typesetter(dotsPerInch: layout.dotsPerInch))
        let frame = layout.labelFrame(at: layout.labelsPerPage - 1)
        let content = frame.insetBy(layout.labelPadding)
        for (index, label) in (sampleLabels + scriptLabels).enumerated() {
            var painted: LabelGeometry?
            let page = try RasterSurface.image(width: layout.pageWidth, height: layout.pageHeight) { canvas throws(SheetError) in
                painted = try painter.paint(label, labelIndex: index, in: frame, on: canvas)
            }
            let geometry = try #require(painted)
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

    /// Sheets are also printed or scanned at half size: modules and positions must halve into
    /// whole pixels (7-px modules made zbar miss about one code in 300 at 50%).
    @Test(arguments: [SheetLayout.a4, .letter, .labels])
    func modulesHalveIntoWholePixels(layout: SheetLayout) throws {
        let frame = layout.labelFrame(at: 1)
        // QR versions 1 to 10 (21 to 57 modules), with little and with much text.
        for symbolWidth in stride(from: 21, through: 57, by: 4) {
            for textHeight in [0, 200] {
                let geometry = try LabelGeometry(frame: frame, layout: layout, symbolWidth: symbolWidth, textHeight: textHeight, labelIndex: 0)
                #expect(geometry.moduleSize.isMultiple(of: 2) || geometry.moduleSize == layout.minimumModuleSize, "\(symbolWidth) modules: \(geometry.moduleSize) px")
                #expect(geometry.qrBox.x.isMultiple(of: 2) && geometry.qrBox.y.isMultiple(of: 2), "\(geometry.qrBox)")
                #expect(geometry.moduleSize >= layout.minimumModuleSize)
                #expect(frame.insetBy(layout.labelPadding).contains(x: geometry.qrBox.x, y: geometry.qrBox.y))
            }
        }
    }

    @Test func reportsTextThatDoesNotFit() throws {
        let layout = SheetLayout.labels
        let painter = try LabelPainter(layout: layout, styles: SheetStyles(typography: layout.typography), typesetter: Typesetter(dotsPerInch: layout.dotsPerInch))
        let crowded = LabelContent(qrPayload: "x", title: "Gateway", lines: Array(repeating: "Line", count: 12))
        #expect(throws: SheetError.self) {
            try RasterSurface.image(width: 10, height: 10) { canvas throws(SheetError) in
                try painter.paint(crowded, labelIndex: 3, in: layout.labelFrame(at: 0), on: canvas)
            }
        }
    }
}

@Suite struct ModuleRectangleTests {
    /// The rectangles cover exactly the dark modules, each once.
    @Test(arguments: sampleLabels.map(\.qrPayload) + ["x", String(repeating: "Q", count: 900)])
    func rectanglesCoverExactlyTheDarkModules(payload: String) throws {
        let code = try QRCode(string: payload)
        var covered = Array(repeating: Array(repeating: 0, count: code.width), count: code.width)
        let rects = PageCanvas.moduleRectangles(of: code)
        for rect in rects {
            for y in rect.y..<rect.maxY { for x in rect.x..<rect.maxX { covered[y][x] += 1 } }
        }
        #expect(covered == code.modules.map { $0.map { $0 ? 1 : 0 } })
        #expect(rects.count < code.modules.joined().filter { $0 }.count)
    }
}
