import Foundation
import InsightBarcodes
import InsightSheets
import InsightTestSupport
import Testing

@Suite struct ZPLLabelTests {
    /// Thermal labels from 2×1 in at 203 dpi to 4×6 in at 300 dpi: one `^XA…^XZ` label each,
    /// graphic fields that decode back to the rendered dots exactly, codes that zbarimg reads
    /// from them, and QR modules of whole dots, at least 0.5 mm.
    @Test(arguments: [(2.0, 1.0, 203), (2.0, 1.0, 300), (3.0, 2.0, 203), (4.0, 6.0, 300)])
    func labelsRoundTripAndDecode(width: Double, height: Double, dotsPerInch: Int) throws {
        let layout = SheetLayout.thermal(widthInches: width, heightInches: height, dotsPerInch: dotsPerInch)
        let labels = Array(scriptLabels.prefix(4))
        let images = try SheetRenderer().render(labels: labels, header: nil, layout: layout)
        let zpl = images.map(ZPLLabel.encode).joined()
        #expect(zpl.components(separatedBy: "^XA").count - 1 == labels.count && zpl.components(separatedBy: "^XZ").count - 1 == labels.count)
        let decoded = try ZPLGraphicFields.images(in: zpl)
        #expect(decoded.count == labels.count)
        try withTemporaryDirectory { directory in
            for (index, (image, field)) in zip(images, decoded).enumerated() {
                #expect(field.height == image.height && field.width == (image.width + 7) / 8 * 8)
                for y in stride(from: 0, to: image.height, by: 7) {
                    for x in stride(from: 0, to: image.width, by: 3) {
                        #expect((image[x, y] < 128) == (field[x, y] == GrayImage.black))
                    }
                }
                let file = directory.appendingPathComponent("label\(index).png")
                try PNGWriter().write(field, to: file)
                if let samples = ProcessInfo.processInfo.environment["INSIGHT_SHEETS_SAMPLE_DIR"] {
                    try PNGWriter().write(field, to: URL(fileURLWithPath: samples).appendingPathComponent("zpl-\(width)x\(height)-\(dotsPerInch)-\(index).png"))
                }
                #expect(try zbarPayloads(at: file) == [labels[index].qrPayload], "\(width)×\(height) in at \(dotsPerInch) dpi, label \(index + 1)")
            }
        }
    }

    /// Long runs, repeated rows and blank rows use ZPL's compression, and still decode.
    @Test func compressesRunsAndRepeatedRows() throws {
        var image = GrayImage(width: 4000, height: 6)
        image.fillRect(x: 0, y: 1, width: 3500, height: 2, value: 0)
        image.fillRect(x: 100, y: 4, width: 9, height: 1, value: 0)
        let zpl = ZPLLabel.encode(image)
        #expect(zpl.count < 200, "\(zpl)")
        #expect(zpl.contains(":") && zpl.contains(","))
        let field = try #require(try ZPLGraphicFields.images(in: zpl).first)
        for y in 0..<6 { for x in 0..<4000 { #expect((image[x, y] < 128) == (field[x, y] == 0)) } }
    }

    /// Malformed files are refused with the label and the fault.
    @Test(arguments: [
        ("^XA^GFA,4,4,2,FFFF^FS", "no ^XZ"),
        ("^XA^GFA,4,6,2,FFFFFFFF^FS^XZ", "not a consistent"),
        ("^XA^GFA,6,6,2,FFFFFFFF^FS^XZ", "says 6 bytes but its data holds 4"),
        ("^XA^GFA,4,4,2,FFZF^FS^XZ", "no hex digit"),
        ("^XA^FO0,0^FS^XZ", "0 ^GFA"),
        ("hello", "no label"),
    ])
    func refusesMalformedFiles(zpl: String, fault: String) {
        #expect { try ZPLGraphicFields.images(in: zpl) } throws: { "\($0)".contains(fault) }
    }
}
