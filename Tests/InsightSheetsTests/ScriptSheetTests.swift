import Foundation
import InsightBarcodes
import InsightSheets
import InsightTestSupport
import Testing

/// Labels with names in ten scripts, as PNG and PDF: every code decodes, and the names read back
/// as written. With INSIGHT_SHEETS_SAMPLE_DIR set to a folder, the sheets are also written
/// there to look at.
@Suite struct ScriptSheetTests {
    /// The A4 sheet of the script labels as PNG pages and as one PDF.
    let pngs: [Data]
    let pdf: Data

    init() throws {
        let renderer = try SheetRenderer()
        pngs = try renderer.renderPNGs(labels: scriptLabels, header: sampleHeader, layout: .a4, bitDepth: .eight)
        pdf = try renderer.renderPDF(sections: [(scriptLabels, sampleHeader)], layout: .a4, title: "Script samples")
        if let folder = ProcessInfo.processInfo.environment["INSIGHT_SHEETS_SAMPLE_DIR"] {
            for (index, png) in pngs.enumerated() { try png.write(to: URL(fileURLWithPath: folder).appendingPathComponent("scripts-p\(index + 1).png")) }
            try pdf.write(to: URL(fileURLWithPath: folder).appendingPathComponent("scripts.pdf"))
        }
    }

    @Test func everyCodeDecodesFromThePNGs() throws {
        try withTemporaryDirectory { directory in
            var decoded = Set<String>()
            for (index, png) in pngs.enumerated() {
                let page = directory.appendingPathComponent("p\(index).png")
                try png.write(to: page)
                decoded.formUnion(try zbarPayloads(at: page))
            }
            #expect(decoded == Set(scriptLabels.map(\.qrPayload)))
        }
    }
}

extension ScriptSheetTests {
    /// The PDF's text is real text: pdftotext finds every name, right-to-left ones with their
    /// letters in logical order (pdftotext places a number that ends a right-to-left name where
    /// it is drawn, at the left, on a page of mostly left-to-right text).
    @Test func pdftotextFindsEveryName() throws {
        try withTemporaryDirectory { directory in
            let pdfFile = directory.appendingPathComponent("scripts.pdf")
            try pdf.write(to: pdfFile)
            let text = try runTool("pdftotext", [pdfFile.path, "-"]).stdoutText
            for sample in scriptSamples {
                let letters = sample.name.split(separator: " ").filter { !$0.allSatisfy(\.isNumber) }.joined(separator: " ")
                #expect(text.contains(letters), "\(sample.script): \(letters) not in the PDF's text")
            }
        }
    }

    /// pdfinfo reports the exact paper size, pdffonts every font embedded, and the pages
    /// rasterised by pdftoppm at 150 and 300 dpi decode to every code.
    @Test(arguments: [("A4", SheetLayout.a4, "595.276 x 841.89 pts (A4)"), ("Letter", .letter, "612 x 792 pts (letter)"), ("labels", .labels, "595.276 x 841.89 pts (A4)")])
    func pdfPrintsAtItsPaperSize(name: String, layout: SheetLayout, size: String) throws {
        let renderer = try SheetRenderer()
        let labels = sampleLabels + scriptLabels
        let document = try renderer.renderPDF(sections: [(labels, sampleHeader)], layout: layout, title: name)
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("sheet.pdf")
            try document.write(to: file)
            let info = try runTool("pdfinfo", [file.path]).stdoutText
            #expect(info.contains("Page size:       \(size)"), "\(info)")
            #expect(info.contains("Pages:           \((labels.count + layout.labelsPerPage - 1) / layout.labelsPerPage)"))
            let fonts = try runTool("pdffonts", [file.path]).stdoutText.split(separator: "\n").dropFirst(2)
            #expect(!fonts.isEmpty && fonts.allSatisfy { $0.contains(" yes yes yes ") }, "\(fonts)")
            for resolution in ["150", "300"] {
                #expect(try runTool("pdftoppm", ["-r", resolution, "-gray", "-png", file.path, directory.appendingPathComponent("r\(resolution)").path]).status == 0)
                let pages = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("r\(resolution)") }
                let decoded = try pages.reduce(into: Set<String>()) { $0.formUnion(try zbarPayloads(at: directory.appendingPathComponent($1))) }
                #expect(decoded == Set(labels.map(\.qrPayload)), "\(name) at \(resolution) dpi")
            }
        }
    }
}

@Suite struct PDFConcatenationTests {
    /// Two documents joined: their pages in order at their sizes, fonts embedded, every code
    /// decoding from the rasterised pages, every name in the text.
    @Test func joinedDocumentsKeepEveryPage() throws {
        let renderer = try SheetRenderer()
        let first = try renderer.renderPDF(sections: [(sampleLabels, sampleHeader)], layout: .a4, title: "first")
        let second = try renderer.renderPDF(sections: [(scriptLabels, sampleHeader)], layout: .a4, title: "second")
        try withTemporaryDirectory { directory in
            let parts = [first, second].enumerated().map { directory.appendingPathComponent("part\($0.offset).pdf") }
            for (part, document) in zip(parts, [first, second]) { try document.write(to: part) }
            let joined = try PDFConcatenation.join(parts, title: "Batch · all stations")
            let file = directory.appendingPathComponent("joined.pdf")
            try joined.write(to: file)
            let info = try runTool("pdfinfo", [file.path]).stdoutText
            #expect(info.contains("Pages:           3") && info.contains("Title:           Batch · all stations"), "\(info)")
            let fonts = try runTool("pdffonts", [file.path]).stdoutText.split(separator: "\n").dropFirst(2)
            #expect(!fonts.isEmpty && fonts.allSatisfy { $0.contains(" yes yes yes ") }, "\(fonts)")
            let text = try runTool("pdftotext", [file.path, "-"]).stdoutText
            #expect(text.contains("Gateway Picking-A 01") && text.contains("倉庫ゲートウェイ 8"))
            #expect(try runTool("pdftoppm", ["-r", "150", "-gray", "-png", file.path, directory.appendingPathComponent("page").path]).status == 0)
            let pages = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("page-") }
            #expect(pages.count == 3)
            let decoded = try pages.reduce(into: Set<String>()) { $0.formUnion(try zbarPayloads(at: directory.appendingPathComponent($1))) }
            #expect(decoded == Set((sampleLabels + scriptLabels).map(\.qrPayload)))
        }
    }

    @Test func refusesWhatCairoDidNotWrite() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("other.pdf")
            try Data("%PDF-1.4 not one of Cairo's".utf8).write(to: file)
            #expect { try PDFConcatenation.join([file], title: "x") } throws: { "\($0)".contains("other.pdf is not a PDF that Cairo wrote") }
            #expect(throws: SheetError.self) { try PDFConcatenation.join([directory.appendingPathComponent("missing.pdf")], title: "x") }
        }
    }
}
