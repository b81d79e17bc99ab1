import Foundation

/// Joins PDFs that Cairo wrote into one, without drawing their pages again: each document's
/// objects are copied with new numbers, and a page tree over the documents' own page trees
/// makes their pages one document's, in order. Used for a batch's PDF of every station, which
/// costs then a copy of the stations' PDFs instead of a second rendering (half the PDF time).
///
/// It reads what Cairo writes (a classic cross-reference table, one trailer, references
/// `N 0 R` only in dictionaries and arrays outside streams); anything else is refused.
public enum PDFConcatenation {
    /// One PDF of the pages of the PDF files `files`, in order, with `title` in its metadata.
    /// The files are read one at a time, so memory holds one of them besides the result.
    /// Throws `SheetError.drawingFailed` saying which file could not be read or joined.
    public static func join(_ files: [URL], title: String) throws(SheetError) -> Data {
        var output = Data("%PDF-1.5\n%\u{B5}\u{ED}\u{AE}\u{FB}\n".utf8)
        var offsets: [Int: Int] = [:]
        func write(_ number: Int, _ body: Data) {
            offsets[number] = output.count
            output.append(Data("\(number) 0 obj\n".utf8))
            output.append(body)
            output.append(Data("\nendobj\n".utf8))
        }
        var treeRoots: [Int] = []
        var pageCount = 0
        // Objects 1 and 2 are the new catalog and page tree, 3 the metadata; then each file's.
        var next = 4
        for file in files {
            let data: Data
            do { data = try Data(contentsOf: file) } catch { throw .drawingFailed(reason: "\(file.path) cannot be read to join: \(error.localizedDescription)") }
            guard let parsed = CairoPDF(data) else { throw .drawingFailed(reason: "\(file.path) is not a PDF that Cairo wrote, which is all that can be joined") }
            let base = next - 1
            for object in parsed.objects where object.number != parsed.catalog && object.number != parsed.info {
                var body = parsed.renumbered(object.body, by: base)
                if object.number == parsed.pageTree {
                    body = CairoPDF.bytes(ofText: CairoPDF.text(of: body)
                        .replacingOccurrences(of: "/Type /Pages", with: "/Type /Pages /Parent 2 0 R"))
                }
                write(object.number + base, body)
            }
            treeRoots.append(parsed.pageTree + base)
            pageCount += parsed.pageCount
            next = base + parsed.size
        }
        let kids = treeRoots.map { "\($0) 0 R" }.joined(separator: " ")
        let titleHex = title.utf16.map { String(format: "%04X", $0) }.joined()
        write(1, Data("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        write(2, Data("<< /Type /Pages /Kids [ \(kids) ] /Count \(pageCount) >>".utf8))
        write(3, Data("<< /Title <FEFF\(titleHex)> /Creator (insight) /Producer (insight, pages by cairo) >>".utf8))
        let table = output.count
        var xref = "xref\n0 \(next)\n0000000000 65535 f \n"
        for number in 1..<next {
            xref += offsets[number].map { String(format: "%010d 00000 n \n", $0) } ?? "0000000000 65535 f \n"
        }
        xref += "trailer\n<< /Size \(next) /Root 1 0 R /Info 3 0 R >>\nstartxref\n\(table)\n%%EOF\n"
        output.append(Data(xref.utf8))
        return output
    }
}

/// The objects of a PDF that Cairo wrote, read through its cross-reference table.
private struct CairoPDF {
    struct Object {
        let number: Int
        /// What lies between `N 0 obj` and `endobj`.
        let body: Data
    }

    let objects: [Object]
    /// The trailer's /Size: one more than the highest object number.
    let size: Int
    let catalog: Int
    let info: Int?
    let pageTree: Int
    let pageCount: Int

    init?(_ data: Data) {
        guard let startxref = data.range(of: Data("startxref".utf8), options: .backwards),
              let xrefOffset = Int(Self.text(of: data[startxref.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines).prefix { $0.isNumber }),
              xrefOffset < data.count else { return nil }
        let tail = Self.text(of: data[xrefOffset...])
        guard tail.hasPrefix("xref") else { return nil }
        var lines = tail.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().makeIterator()
        guard let header = lines.next()?.split(separator: " "), header.count == 2, header[0] == "0", let count = Int(header[1]) else { return nil }
        var offsets: [(number: Int, offset: Int)] = []
        for number in 0..<count {
            guard let entry = lines.next(), entry.count >= 18, let offset = Int(entry.prefix(10)) else { return nil }
            if entry.dropFirst(17).first == "n" { offsets.append((number, offset)) }
        }
        guard let trailerStart = tail.range(of: "trailer") else { return nil }
        let trailer = String(tail[trailerStart.upperBound...])
        guard let size = Self.integer(after: "/Size", in: trailer), let catalog = Self.integer(after: "/Root", in: trailer) else { return nil }
        self.size = size
        self.catalog = catalog
        info = Self.integer(after: "/Info", in: trailer)
        let sorted = offsets.sorted { $0.offset < $1.offset }
        var objects: [Object] = []
        for (position, entry) in sorted.enumerated() {
            let end = position + 1 < sorted.count ? sorted[position + 1].offset : xrefOffset
            guard entry.offset < end, end <= data.count else { return nil }
            let slice = data[entry.offset..<end]
            let opening = Data("\(entry.number) 0 obj".utf8)
            guard slice.starts(with: opening), let closing = slice.range(of: Data("endobj".utf8), options: .backwards) else { return nil }
            objects.append(Object(number: entry.number, body: Data(data[(entry.offset + opening.count)..<closing.lowerBound])))
        }
        self.objects = objects
        guard let catalogBody = objects.first(where: { $0.number == catalog }).map({ Self.text(of: $0.body) }),
              let pageTree = Self.integer(after: "/Pages", in: catalogBody),
              let treeBody = objects.first(where: { $0.number == pageTree }).map({ Self.text(of: $0.body) }),
              let pageCount = Self.integer(after: "/Count", in: treeBody) else { return nil }
        self.pageTree = pageTree
        self.pageCount = pageCount
    }

    /// `body` with every reference `N 0 R` outside its stream made `N+base 0 R`.
    func renumbered(_ body: Data, by base: Int) -> Data {
        let streamStart = body.range(of: Data("stream\n".utf8))?.lowerBound ?? body.endIndex
        let pattern = /([^0-9.])([0-9]+) 0 R\b/
        let rewritten = Self.text(of: body[..<streamStart]).replacing(pattern) { match in "\(match.output.1)\(Int(match.output.2)! + base) 0 R" }
        return Self.bytes(ofText: rewritten) + body[streamStart...]
    }

    /// PDF syntax as text, one character per byte (ISO Latin 1), so that any byte survives a
    /// round trip through `bytes(ofText:)`.
    static func text(of bytes: Data) -> String {
        String(bytes.map { Character(Unicode.Scalar($0)) })
    }

    /// The bytes of text made by `text(of:)`.
    static func bytes(ofText text: String) -> Data {
        Data(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
    }

    private static func integer(after key: String, in text: String) -> Int? {
        guard let range = text.range(of: key) else { return nil }
        return Int(text[range.upperBound...].drop { $0 == " " || $0 == "\n" }.prefix { $0.isNumber })
    }
}
