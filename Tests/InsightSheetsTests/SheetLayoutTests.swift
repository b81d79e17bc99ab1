import InsightSheets
import Testing

@Suite struct SheetLayoutTests {
    @Test(arguments: [(SheetLayout.a4, 2480, 3508), (.letter, 2550, 3300), (.labels, 2480, 3508)])
    func presetsFitTheirPagesWithoutOverlaps(layout: SheetLayout, width: Int, height: Int) throws {
        try layout.validate()
        #expect(layout.dotsPerInch == 300 && layout.pageWidth == width && layout.pageHeight == height)
        let frames = (0..<layout.labelsPerPage).map(layout.labelFrame)
        let page = PixelRect(x: 0, y: 0, width: width, height: height)
        #expect(frames.allSatisfy { $0.x >= 0 && $0.y >= 0 && $0.maxX <= page.maxX && $0.maxY <= page.maxY })
        for (index, frame) in frames.enumerated() {
            #expect(!frames[(index + 1)...].contains { $0.intersects(frame) })
        }
        #expect(layout.minimumModuleSize == 6)
        // Readable at print size: title at least 10 pt, other text at least 8 pt.
        let type = layout.typography
        #expect(type.titlePoints >= 10 && type.linePoints >= 8 && type.codePoints >= 8 && type.headerPoints >= 8)
    }

    @Test func a4HasThreeByFourLargeLabels() {
        let layout = SheetLayout.a4
        #expect(layout.columns == 3 && layout.rows == 4)
        #expect(layout.labelFrame(at: 0) == PixelRect(x: 94, y: 189, width: 764, height: 788))
        #expect(layout.labelFrame(at: 11) == PixelRect(x: 94 + 2 * 764, y: 189 + 3 * 788, width: 764, height: 788))
    }

    @Test func labelsMatchAveryL7163() {
        let layout = SheetLayout.labels
        #expect(layout.columns == 2 && layout.rows == 7)
        #expect(layout.labelFrame(at: 0) == PixelRect(x: 55, y: 179, width: 1170, height: 450))
        #expect(layout.labelFrame(at: 13) == PixelRect(x: 55 + 1200, y: 179 + 6 * 450, width: 1170, height: 450))
        #expect(!layout.drawsCutLines && layout.arrangement == .qrBesideText)
    }

    @Test func scalesWithTheResolution() throws {
        let layout = SheetLayout.a4(dotsPerInch: 600)
        try layout.validate()
        #expect(layout.pageWidth == 4961 && layout.pageHeight == 7016)
        #expect(layout.minimumModuleSize == 12)
    }

    @Test func validationNamesTheProblem() {
        var overlapping = SheetLayout.a4
        overlapping.horizontalPitch -= 1
        #expect(throws: SheetError.self) { try overlapping.validate() }
        var offPage = SheetLayout.labels
        offPage.rows = 8
        #expect { try offPage.validate() } throws: { "\($0)".contains("beyond the 2480×3508 px page") }
        var noTitle = SheetLayout.letter
        noTitle.typography.titleMaxLines = 0
        #expect(throws: SheetError.self) { try noTitle.validate() }
    }
}
