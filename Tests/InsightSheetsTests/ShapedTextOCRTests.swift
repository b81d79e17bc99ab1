import Foundation
import InsightBarcodes
@testable import InsightSheets
import InsightTestSupport
import Testing

/// Tesseract, with its Arabic, Hebrew and Hindi models, reads back the names as a label's title
/// draws them: joined Arabic letters from right to left, Hebrew from right to left, Devanagari
/// with its conjuncts and vowel signs. Unshaped, reversed or boxed text (what the labels showed
/// before Pango) reads as something else.
@Suite struct ShapedTextOCRTests {
    @Test(arguments: [("Arabic", "ara"), ("Hebrew", "heb"), ("Devanagari", "hin")])
    func tesseractReadsTheTitle(script: String, language: String) throws {
        let name = try #require(scriptSamples.first { $0.script == script }?.name)
        let typesetter = try Typesetter(dotsPerInch: 300)
        let block = typesetter.layOut([(name, TextStyle(family: TextStyle.sansFamily, bold: true, points: 13))])
        let margin = 60
        let image = try RasterSurface.image(width: block.textWidth + 2 * margin, height: block.height + 2 * margin) { canvas throws(SheetError) in
            canvas.draw(block, x: margin, y: margin)
        }
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("\(script).png")
            try PNGWriter(dotsPerInch: 300).write(image, to: file)
            let read = try runTool("tesseract", [file.path, "-", "-l", language, "--psm", "7"]).stdoutText
            let words = name.split(separator: " ").filter { !$0.allSatisfy(\.isNumber) }
            #expect(words.allSatisfy { read.contains($0) }, "\(script): tesseract read \(read)")
        }
    }
}
