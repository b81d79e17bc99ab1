import Foundation
import InsightBarcodes
import InsightCore
@testable import InsightOnboarding
import InsightSheets
import InsightTestSupport
import Testing

/// The label formats of a batch: PNG pages, station and batch PDFs, ZPL files, as `verify`,
/// the real tools and a raw printer port see them.
@Suite struct LabelFormatTests {
    static let stations = ["Receiving", "بوابة الشحن", "गोदाम-2"]
    static let every = LabelOutput(formats: [.png, .pdf, .zpl])

    @Test func everyFormatCarriesEveryLabelAndVerifies() async throws {
        try await OnboardedBatch.with(count: 9, stations: Self.stations, labels: Self.every) { batch in
            let manifest = batch.manifest
            #expect(manifest.labelFormats == [.png, .pdf, .zpl] && manifest.thermal_label == "2.25x1.25in@203dpi")
            for entry in manifest.gateways {
                let prints = try #require(entry.prints)
                #expect(prints.count == 3 && prints.contains(SheetPrinter.batchPDF), "\(prints)")
                #expect(prints.contains { $0.hasPrefix("sheets/") && $0.hasSuffix(".pdf") && $0 != SheetPrinter.batchPDF })
                #expect(prints.contains { $0.hasPrefix("labels/") && $0.hasSuffix(".zpl") })
            }
            let files = Set(manifest.sheets)
            #expect(files.filter { $0.hasSuffix(".pdf") }.count == Self.stations.count + 1)
            #expect(files.filter { $0.hasSuffix(".zpl") }.count == Self.stations.count)
            let report = try await BatchVerifier(folder: batch.out).verify()
            #expect(report.problems == [])
            #expect(report.decodedCodes == 4 * 9, "each label on its PNG page, its station's PDF, the batch PDF and its ZPL file")

            // The batch PDF: a page per station (3 labels each), A4 exactly, fonts embedded,
            // every name in its text.
            let batchPDF = batch.out.appendingPathComponent(SheetPrinter.batchPDF).path
            let info = try runTool("pdfinfo", [batchPDF]).stdoutText
            #expect(info.contains("Pages:           3") && info.contains("595.276 x 841.89 pts (A4)"), "\(info)")
            let text = try runTool("pdftotext", [batchPDF, "-"]).stdoutText
            #expect(manifest.gateways.allSatisfy { text.contains($0.name) })
            // The ZPL files: one ^XA…^XZ label per gateway of the station, 2.25×1.25 in at 203 dpi.
            for station in Self.stations {
                let file = try #require(manifest.gateways.first { $0.station == station }?.prints?.first { $0.hasSuffix(".zpl") })
                let zpl = try String(contentsOf: batch.out.appendingPathComponent(file), encoding: .utf8)
                #expect(zpl.components(separatedBy: "^XA").count - 1 == 3 && zpl.components(separatedBy: "^XZ").count - 1 == 3)
                #expect(zpl.contains("^PW457^LL254"))
            }
        }
    }

    /// A reprint in another format adds it: the PNG pages stay the batch's, and a station's
    /// reprint renders its own files and the batch PDF.
    @Test func reprintingInAnotherFormatKeepsTheOthers() async throws {
        try await OnboardedBatch.with(count: 6, stations: Self.stations) { batch in
            #expect(batch.manifest.labelFormats == [.png])
            let withZPL = try await BatchSheets.reprint(folder: batch.out, station: nil, password: packagePassword, formats: [.zpl])
            #expect(withZPL.labelFormats == [.png, .zpl])
            #expect(withZPL.gateways.map(\.sheet) == batch.manifest.gateways.map(\.sheet))
            #expect(try await BatchVerifier(folder: batch.out).verify().decodedCodes == 2 * 6)
            let station = Self.stations[1]
            let withPDF = try await BatchSheets.reprint(folder: batch.out, station: station, password: packagePassword, formats: [.pdf])
            #expect(withPDF.labelFormats == [.png, .pdf, .zpl])
            #expect(withPDF.gateways.filter { $0.station == station }.allSatisfy { $0.prints?.count == 3 })
            let report = try await BatchVerifier(folder: batch.out).verify()
            #expect(report.problems == [])
            #expect(report.decodedCodes == 2 * 6 + 6 + 6, "every station's PDF (rendered for the batch PDF), and the batch PDF")
        }
    }

    /// A provisioning URL too long for a small thermal label is refused with what to do, before
    /// any label file is written.
    @Test func aCodeTooLargeForTheThermalLabelSaysWhatToDo() async throws {
        let small = LabelOutput(formats: [.zpl], thermal: try ThermalLabelStock(size: "2x1", dotsPerInch: 203))
        await #expect { try await OnboardedBatch.with(count: 1, stations: ["A"], labels: small) { _ in } } throws: { error in
            "\(error)".contains("2x1in@203dpi") && "\(error)".contains("--zpl-label")
        }
    }

    /// A damaged ZPL file, a PDF of another station and a stray PDF are problems.
    @Test func verifyFindsDamagedAndStrayLabelFiles() async throws {
        try await OnboardedBatch.with(count: 6, stations: Self.stations, labels: Self.every) { batch in
            let entries = batch.manifest.gateways
            let zpl = try #require(entries[0].prints?.first { $0.hasSuffix(".zpl") })
            let zplFile = batch.out.appendingPathComponent(zpl)
            let text = try String(contentsOf: zplFile, encoding: .utf8)
            try String(text.dropLast(8)).write(to: zplFile, atomically: true, encoding: .utf8)
            let pdfs = Self.stations.compactMap { station in entries.first { $0.station == station }?.prints?.first { $0.hasSuffix(".pdf") && $0 != SheetPrinter.batchPDF } }
            try FileManager.default.removeItem(at: batch.out.appendingPathComponent(pdfs[1]))
            try FileManager.default.copyItem(at: batch.out.appendingPathComponent(pdfs[0]), to: batch.out.appendingPathComponent(pdfs[1]))
            try FileManager.default.copyItem(at: batch.out.appendingPathComponent(pdfs[0]), to: batch.out.appendingPathComponent("sheets/old.pdf"))
            let problems = try await BatchVerifier(folder: batch.out).verify().problems
            #expect(problems.contains { $0.hasPrefix("\(zpl): malformed ZPL") }, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("\(pdfs[1]): 2 of 2 labels do not decode") }, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("sheets/old.pdf: not a sheet of this batch") }, "\(problems)")
        }
    }

    /// A reissue prints a one-label PNG, PDF and ZPL, reprints its station and the batch PDF,
    /// and deletes the labels of an earlier reissue.
    @Test func reissuePrintsEveryFormat() async throws {
        try await OnboardedBatch.with(count: 6, stations: Self.stations, labels: Self.every) { batch in
            let target = batch.manifest.gateways[4]
            func reissue() async throws -> GatewayReissue.Outcome {
                try await GatewayReissue(connection: batch.server.connection, folder: batch.out, password: packagePassword, wifi: nil, allowUnencrypted: false)
                    .run(target.name, progress: ProgressReporter(interactive: false))
            }
            let first = try await reissue()
            #expect(Set(first.labels.map { URL(fileURLWithPath: $0).pathExtension }) == ["png", "pdf", "zpl"])
            let second = try await reissue()
            for file in first.labels { #expect(!FileManager.default.fileExists(atPath: batch.out.appendingPathComponent(file).path), "\(file) is void") }
            let zpl = try #require(second.labels.first { $0.hasSuffix(".zpl") })
            let images = try ZPLGraphicFields.images(in: String(contentsOf: batch.out.appendingPathComponent(zpl), encoding: .utf8))
            #expect(images.count == 1)
            #expect(second.entry.reissue_prints == second.labels.filter { !$0.hasSuffix(".png") })
            let report = try await BatchVerifier(folder: batch.out).verify()
            #expect(report.problems == [])
            #expect(report.decodedCodes == 4 * 6 + 3, "every label four times, the reissued one three times more")
        }
    }

    /// `--print-to`: a raw printer port receives exactly the bytes of the ZPL files, in order.
    @Test func sendsZPLFilesToARawPrinterPort() throws {
        try withTemporaryDirectory { directory in
            let files = try (0..<3).map { index in
                let file = directory.appendingPathComponent("s\(index).zpl")
                try Data("^XA^FO0,0^GFA,1,1,1,\(index)F^FS^XZ\n".utf8).write(to: file)
                return file
            }
            let listener = try LoopbackListener()
            try RawPrinter(address: "127.0.0.1:\(listener.port)").send(files)
            let received = try listener.acceptAndRead()
            #expect(received == files.reduce(Data()) { $0 + (try! Data(contentsOf: $1)) })
            #expect(throws: OnboardingError.self) { try RawPrinter(address: "127.0.0.1:\(listener.port)").send(files) }
            #expect(throws: OnboardingError.self) { try RawPrinter(address: "printer-without-port") }
        }
    }
}

/// A TCP listener on 127.0.0.1 that takes one connection and reads it to its end.
final class LoopbackListener: Sendable {
    private let socket: Int32
    let port: UInt16

    init() throws {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in(sin_family: sa_family_t(AF_INET), sin_port: 0, sin_addr: in_addr(s_addr: inet_addr("127.0.0.1")), sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        socket = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    /// The bytes of the first connection, read until the peer closes it; the listener is then closed.
    func acceptAndRead() throws -> Data {
        defer { close(socket) }
        let connection = accept(socket, nil, nil)
        guard connection >= 0 else { throw POSIXError(.ECONNABORTED) }
        defer { close(connection) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return data
    }

    /// Reads the first connection on another thread; `received()` waits for its bytes.
    func receiveInBackground() -> @Sendable () -> Data? {
        final class Received: @unchecked Sendable {
            var data: Data?
        }
        let received = Received()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            received.data = try? self.acceptAndRead()
            done.signal()
        }
        return { done.wait(timeout: .now() + 60) == .success ? received.data : nil }
    }
}
