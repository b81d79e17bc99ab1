import Foundation
import InsightBarcodes
import Testing

@Suite struct QRCodeTests {
    static let texts = [
        "hello",
        String((0..<200).map { Character(UnicodeScalar(UInt8(0x21 + $0 % 90))) }),
        "Gerät Ωμέγα 東京 🚚",
        "Grüße",
    ]

    @Test(arguments: texts)
    func zbarimgDecodesTheExactText(text: String) throws {
        let png = try QRCode(string: text).pngData(moduleSize: 4)
        let decoded = try #require(try zbarDecode(png))
        #expect(String(decoding: decoded, as: UTF8.self) == text)
        #expect(try zbarDecode(png, binary: true) == Data(text.utf8))
    }

    @Test(arguments: [QRErrorCorrection.low, .medium, .quartile, .high])
    func zbarimgDecodesExactBytesAtEveryLevel(errorCorrection: QRErrorCorrection) throws {
        let bytes = Data((0...255).map { UInt8($0) })
        let png = try QRCode(data: bytes, errorCorrection: errorCorrection).pngData(moduleSize: 3)
        #expect(try zbarDecode(png, binary: true) == bytes)
    }

    @Test func exposesASquareModuleMatrix() throws {
        let code = try QRCode(string: "hello")
        #expect(code.version == 1)
        #expect(code.width == 21)
        #expect(code.modules.count == 21 && code.modules.allSatisfy { $0.count == 21 })
        // Finder pattern: the top-left corner module is dark, the one after the separator light.
        #expect(code.modules[0][0] && code.modules[6][6] && !code.modules[7][7])
        #expect(code.pixelSize(moduleSize: 10) == 290)
    }

    @Test func higherErrorCorrectionNeedsALargerSymbol() throws {
        let text = String(repeating: "insight ", count: 20)
        let low = try QRCode(string: text, errorCorrection: .low)
        let high = try QRCode(string: text, errorCorrection: .high)
        #expect(high.width > low.width)
        #expect(try QRCode(string: text) == QRCode(string: text, errorCorrection: .medium))
    }

    @Test func reportsDataThatDoesNotFit() {
        #expect(throws: BarcodeError.dataTooLarge(byteCount: 3000, errorCorrection: .high)) {
            try QRCode(data: Data(count: 3000), errorCorrection: .high)
        }
        #expect(throws: BarcodeError.self) { try QRCode(data: Data()) }
    }

    @Test func pngDataRejectsBadGeometry() throws {
        let code = try QRCode(string: "hello")
        #expect(throws: BarcodeError.self) { try code.pngData(moduleSize: 0) }
        #expect(throws: BarcodeError.self) { try code.pngData(quietZone: -1) }
    }
}
