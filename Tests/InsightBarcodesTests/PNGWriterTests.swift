import Foundation
import InsightBarcodes
import InsightTestSupport
import Testing

@Suite struct PNGWriterTests {
    // ImageMagick 6 reports %z (its quantum depth) as 8 even for a 1-bit PNG ("Depth: 8/1-bit");
    // png:IHDR.bit-depth-orig is the bit depth stored in the file.
    @Test(arguments: [(PNGWriter.BitDepth.one, "1", "Bilevel"), (.eight, "8", "Grayscale")])
    func identifyReportsSizeAndDepth(bitDepth: PNGWriter.BitDepth, depth: String, type: String) throws {
        var image = GrayImage(width: 37, height: 21)
        image.fillRect(x: 3, y: 3, width: 10, height: 5, value: GrayImage.black)
        image.fillRect(x: 20, y: 3, width: 10, height: 5, value: bitDepth == .eight ? 100 : GrayImage.black)
        let png = try PNGWriter(bitDepth: bitDepth).encode(image)
        #expect(try identify(png, format: "%w %h %[png:IHDR.bit-depth-orig] %[png:IHDR.color-type-orig] %[type]") == "37 21 \(depth) 0 \(type)")
        if bitDepth == .eight {
            #expect(try identify(png, format: "%w %h %z") == "37 21 8")
        }
    }

    @Test(arguments: [PNGWriter.BitDepth.one, .eight])
    func writesThePrintResolution(bitDepth: PNGWriter.BitDepth) throws {
        let png = try PNGWriter(bitDepth: bitDepth, dotsPerInch: 300).encode(GrayImage(width: 8, height: 8))
        #expect(try identify(png, format: "%x %y", options: ["-units", "PixelsPerInch"]) == "300 300")
        // pHYs: 11811 pixels per metre on both axes, unit 1 (metre).
        let chunk = try #require(png.range(of: Data("pHYs".utf8)))
        #expect(Array(png[chunk.upperBound..<(chunk.upperBound + 9)]) == [0, 0, 0x2E, 0x23, 0, 0, 0x2E, 0x23, 1])
        #expect(try PNGWriter(bitDepth: bitDepth).encode(GrayImage(width: 8, height: 8)).range(of: Data("pHYs".utf8)) == nil)
    }

    @Test func keepsEveryPixel() throws {
        var image = GrayImage(width: 13, height: 3)
        for x in 0..<13 { image[x, 1] = UInt8(x * 19) }
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("gray.png")
            try PNGWriter().write(image, to: url)
            let pixels = try runTool("convert", [url.path, "-depth", "8", "gray:-"]).stdout
            #expect(Array(pixels) == image.pixels)

            try PNGWriter(bitDepth: .one).write(image, to: url)
            let thresholded = try runTool("convert", [url.path, "-depth", "8", "gray:-"]).stdout
            #expect(Array(thresholded) == image.pixels.map { $0 >= 128 ? 255 : 0 })
        }
    }

    @Test func oneBitThresholdsEveryPixelOfOddWidths() throws {
        var state: UInt32 = 12345
        let width = 37, height = 5
        let pixels = (0..<(width * height)).map { _ in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("bits.png")
            try PNGWriter(bitDepth: .one).write(GrayImage(width: width, height: height, pixels: pixels), to: url)
            let thresholded = try runTool("convert", [url.path, "-depth", "8", "gray:-"]).stdout
            #expect(Array(thresholded) == pixels.map { $0 >= 128 ? 255 : 0 })
        }
    }

    @Test func a300DPISheetDecodes() throws {
        let text = "https://insight.example.com/provisioning?token=Gerät-7"
        let code = try QRCode(string: text)
        var label = GrayImage(width: 600, height: 400, value: 230)
        try label.draw(code, x: 20, y: 20, moduleSize: 6)
        var sheet = GrayImage(width: 2480, height: 1000)
        sheet.blit(label, x: 100, y: 100)
        let png = try PNGWriter(bitDepth: .eight, dotsPerInch: 300).encode(sheet)
        #expect(try zbarDecode(png).map { String(decoding: $0, as: UTF8.self) } == text)
        #expect(try identify(png, format: "%w %h %z %x", options: ["-units", "PixelsPerInch"]) == "2480 1000 8 300")
    }

    @Test func reportsLibpngsMessage() {
        #expect(throws: BarcodeError.pngEncodingFailed(message: "Invalid IHDR data")) {
            try PNGWriter().encode(GrayImage(width: 0, height: 5))
        }
        #expect(throws: BarcodeError.self) { try PNGWriter(dotsPerInch: 0).encode(GrayImage(width: 1, height: 1)) }
    }
}
