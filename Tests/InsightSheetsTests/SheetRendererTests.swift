import Foundation
import InsightBarcodes
import InsightSheets
import InsightTestSupport
import Testing

@Suite struct SheetRendererTests {
    /// zbarimg decodes exactly the payloads of each page's labels, at print size and at half size.
    @Test(arguments: [("A4", SheetLayout.a4), ("Letter", .letter), ("labels", .labels)])
    func everyCodeOnEveryPageDecodes(name: String, layout: SheetLayout) throws {
        let pages = try SheetRenderer().renderPNGs(labels: sampleLabels, header: sampleHeader, layout: layout)
        #expect(pages.count == (sampleLabels.count + layout.labelsPerPage - 1) / layout.labelsPerPage)
        try withTemporaryDirectory { directory in
            for (pageIndex, png) in pages.enumerated() {
                let expected = Set(sampleLabels.dropFirst(pageIndex * layout.labelsPerPage).prefix(layout.labelsPerPage).map(\.qrPayload))
                let page = directory.appendingPathComponent("page\(pageIndex).png")
                let small = directory.appendingPathComponent("small\(pageIndex).png")
                try png.write(to: page)
                #expect(try zbarPayloads(at: page) == expected, "\(name) page \(pageIndex + 1)")
                #expect(try runTool("convert", [page.path, "-resize", "50%", small.path]).status == 0)
                #expect(try zbarPayloads(at: small) == expected, "\(name) page \(pageIndex + 1) at 50%")
            }
        }
    }

    @Test(arguments: [(SheetLayout.a4, "2480 3508"), (.letter, "2550 3300"), (.labels, "2480 3508")])
    func identifyReportsPageSizeAndResolution(layout: SheetLayout, size: String) throws {
        let png = try #require(try SheetRenderer().renderPNGs(labels: Array(sampleLabels.prefix(2)), header: sampleHeader, layout: layout).first)
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("page.png")
            try png.write(to: url)
            let format = "%w %h %x %y %[png:IHDR.bit-depth-orig]"
            let result = try runTool("identify", ["-units", "PixelsPerInch", "-format", format, url.path])
            #expect(result.stdoutText == "\(size) 300 300 1")
        }
    }

    @Test func rendersEightBitPagesOnRequest() throws {
        let png = try #require(try SheetRenderer().renderPNGs(labels: Array(sampleLabels.prefix(1)), header: sampleHeader,
                                                              layout: .a4, bitDepth: .eight).first)
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("page.png")
            try png.write(to: url)
            #expect(try runTool("identify", ["-format", "%[png:IHDR.bit-depth-orig] %[type]", url.path]).stdoutText == "8 Grayscale")
        }
    }

    @Test func asksForEachPagesHeaderAndDrawsIt() throws {
        var asked: [String] = []
        let pages = try SheetRenderer().render(labels: sampleLabels, header: { pageIndex, pageCount in
            asked.append("\(pageIndex)/\(pageCount)")
            return sampleHeader(pageIndex: pageIndex, pageCount: pageCount)
        }, layout: .a4)
        #expect(asked == ["0/2", "1/2"])
        let layout = SheetLayout.a4, grid = layout.gridFrame
        for page in pages {
            #expect(darkPixels(in: page, PixelRect(x: 0, y: 0, width: page.width, height: grid.y)) > 1000)
            #expect(darkPixels(in: page, PixelRect(x: 0, y: grid.maxY + 2, width: page.width, height: page.height - grid.maxY - 2)) > 1000)
        }
        #expect(try SheetRenderer().render(labels: [], header: sampleHeader, layout: .a4).isEmpty)
    }

    @Test func reportsPayloadsThatMakeNoCode() throws {
        var labels = Array(sampleLabels.prefix(3))
        labels[2].qrPayload = String(repeating: "x", count: 3000)
        #expect(throws: SheetError.qrCodeFailed(labelIndex: 2, error: .dataTooLarge(byteCount: 3000, errorCorrection: .medium))) {
            try SheetRenderer().render(labels: labels, header: sampleHeader, layout: .a4)
        }
        labels[2].qrPayload = ""
        #expect(throws: SheetError.self) { try SheetRenderer().render(labels: labels, header: sampleHeader, layout: .a4) }
    }

    @Test func reportsACodeTooLargeForItsLabel() throws {
        var labels = Array(sampleLabels.prefix(1))
        labels[0].qrPayload = String(repeating: "x", count: 1000)
        #expect { try SheetRenderer().render(labels: labels, header: sampleHeader, layout: .labels) } throws: { error in
            guard case .labelDoesNotFit(labelIndex: 0, _) = error as? SheetError else { return false }
            return "\(error)".hasPrefix("label 1 does not fit: its QR code")
        }
    }

    @Test func reportsAMarginTooSmallForTheHeader() throws {
        var layout = SheetLayout.a4
        layout.topMargin = 10
        #expect { try SheetRenderer().render(labels: sampleLabels, header: sampleHeader, layout: layout) } throws: {
            "\($0)".contains("the header needs")
        }
    }
}
