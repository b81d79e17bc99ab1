import ArgumentParser
import Foundation
import InsightBarcodes
import InsightCore
import InsightOnboarding
import InsightPackaging
import InsightPKI
import InsightSheets

/// `insight bench onboard`: the embedded pipeline against the shell-script baseline, in one run,
/// with the time per gateway split into the primitives that set the floor.
struct BenchOnboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onboard",
        abstract: "Time `insight onboard` (embedded) against the baseline script on the same CSV; split per gateway; peak memory."
    )

    @Option(help: "The CSV to onboard (name,usecase,station).")
    var csv: String = "../shared/bench/gateways-200.csv"

    @Option(help: "The baseline script (openssl + 7z + qrencode + ImageMagick); 'none' to skip it.")
    var baseline: String = "../shared/bench/baseline-onboard.sh"

    @Option(help: "Instead of --csv, generate this many gateways over 12 stations (e.g. 10000).")
    var generate: Int?

    @Option(name: .customLong("format"), help: "The label formats to write, as `onboard --format` takes them (default: png, as onboard writes).")
    var formats: [String] = []

    func validate() throws {
        let needed = (generate == nil ? [("--csv", csv)] : []) + (baseline == "none" ? [] : [("--baseline", baseline)])
        for (option, path) in needed where !FileManager.default.fileExists(atPath: path) {
            let folder = FileManager.default.currentDirectoryPath
            throw ValidationError(
                "\(option) \(path) does not exist (relative paths start at \(folder)). Run the benchmark from the project folder, beside ../shared/bench, or give \(option) a file that exists\(option == "--baseline" ? " (or --baseline none)" : "")."
            )
        }
    }

    func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("insight-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let csvFile = try generate.map { try Self.writeCSV(count: $0, into: work) } ?? URL(fileURLWithPath: csv)
        let count = try String(contentsOf: csvFile, encoding: .utf8).split(whereSeparator: \.isNewline).count - 1

        var baselineSeconds: Double?
        if baseline != "none" {
            baselineSeconds = try Self.time { try Self.runBaseline(script: baseline, csv: csvFile, out: work.appendingPathComponent("baseline")) }
            // The baseline leaves thousands of files in the page cache; flushed now, they are
            // not charged to the syncfs that makes insight's output durable.
            sync()
            print(String(format: "baseline script: %.2f s for %d gateways (%.1f ms per gateway)", baselineSeconds ?? 0, count, (baselineSeconds ?? 0) * 1000 / Double(count)))
        }

        let options = try APIConnectionOptions.parse([])
        let request = OnboardingRequest(
            csvFile: csvFile, outputFolder: work.appendingPathComponent("out"),
            defaultWiFi: .init(ssid: "Warehouse", password: "s3cret", authenticationType: .wpa2), packagePassword: "packagepw",
            labels: LabelOutput(formats: formats.isEmpty ? LabelOutput.defaultFormats : try LabelOutput.formats(formats))
        )
        let progress = ProgressReporter(quiet: true)
        let started = Date()
        _ = try await options.withConnection(outputFolder: request.outputFolder, resumeCustomer: nil) { api in
            try await OnboardingPipeline(connection: api, request: request).run(progress: progress)
        }
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "insight onboard (embedded, release=%@, formats %@): %.2f s for %d gateways (%.2f ms per gateway), peak memory %.0f MB",
                     Self.isRelease ? "yes" : "no", request.labels.formats.map(\.rawValue).joined(separator: ","), seconds, count,
                     seconds * 1000 / Double(count), Self.peakMemoryMegabytes()))
        for (stage, stageSeconds) in progress.stageDurations {
            print(String(format: "  stage %-8@ %8.1f ms  (%.2f ms per gateway)", stage, stageSeconds * 1000, stageSeconds * 1000 / Double(count)))
        }
        if let baselineSeconds { print(String(format: "ratio: insight is %.1fx faster than the baseline (goal: >= 20x)", baselineSeconds / seconds)) }
        try Self.printFloor(gateways: min(count, 200))
    }

    /// Times each primitive alone, per gateway, on one core: the floor the pipeline stands on.
    static func printFloor(gateways: Int) throws {
        let caKey = try PrivateKey(generating: .ecP256)
        let root = try CertificateAuthority.makeRoot(commonName: "Bench Root", privateKey: caKey)
        var keys: [PrivateKey] = []
        var certificates: [Certificate] = []
        let keyAndCertificate = try time {
            for index in 0..<gateways {
                let key = try PrivateKey(generating: .ecP256)
                certificates.append(try root.issueCertificate(commonName: "gw-\(index)", subjectAlternativeNames: [.uri("urn:bench:\(index)")], publicKey: key.publicKey))
                keys.append(key)
            }
        }
        let pkcs12 = try time {
            for index in 0..<gateways { _ = try PKCS12(privateKey: keys[index], certificate: certificates[index], chain: [root.certificate]).derRepresentation(password: "token-\(index)") }
        }
        let entry = Data(repeating: 0x41, count: 1500)
        let zipEntries = try time {
            for _ in 0..<gateways {
                var zip = ZipArchiveWriter()
                for name in ["provisioning.json", "network.json", "ca.pem", "provisioning-qr.png", "wifi-qr.png", "README.txt"] {
                    try zip.addEntry(named: name, data: entry, password: "packagepw")
                }
                _ = try zip.archiveData()
            }
        }
        let qrCodes = try time {
            for index in 0..<gateways {
                _ = try QRCode(string: "https://insight.example/provisioning#token=\(index)-0123456789012345678901234567890123456789").pngData(moduleSize: 8)
                _ = try QRCode(string: "WIFI:T:WPA;S:Warehouse;P:s3cret;;").pngData(moduleSize: 8)
            }
        }
        let renderer = try SheetRenderer()
        let labels = (0..<120).map { LabelContent(qrPayload: "https://insight.example/provisioning#token=\($0)-0123456789012345678901234567890123456789", title: "GW-\($0)", lines: ["Station: S1", "Use case: Picking", "Token expires: 2026-12-27"], fallbackCode: "ABCD-EF01-2345") }
        let header = { (page: Int, pages: Int) in SheetHeader(batchName: "bench", station: "S1", pageNumber: page + 1, pageCount: pages) }
        // Ten A4 pages of 12 labels each way, and 120 thermal labels, after a page that loads
        // the fonts. The QR codes are encoded for the PNG pages; the PDF and ZPL reuse them.
        _ = try renderer.renderPNGs(labels: Array(labels.prefix(12)).map { LabelContent(qrPayload: $0.qrPayload + "-warm-up", title: $0.title) }, header: header, layout: .a4)
        let pngPages = try time { _ = try renderer.renderPNGs(labels: labels, header: header, layout: .a4) }
        let pdfPages = try time { _ = try renderer.renderPDF(sections: [(labels, header)], layout: .a4, title: "bench") }
        let thermal = ThermalLabelStock.standard
        let zplLabels = try time {
            _ = try renderer.render(labels: labels, header: nil, layout: thermal.layout).map(ZPLLabel.encode)
        }
        let perGateway = { (seconds: Double) in seconds * 1000 / Double(gateways) }
        print("floor per gateway, one core (\(gateways) gateways; reference in C: key+cert 0.2 ms, PKCS#12 1 ms, 0.8 ms per AES zip entry):")
        print(String(format: "  key + certificate  %6.2f ms", perGateway(keyAndCertificate)))
        print(String(format: "  PKCS#12            %6.2f ms", perGateway(pkcs12)))
        print(String(format: "  zip, 6 AES entries %6.2f ms  (%.2f ms per entry)", perGateway(zipEntries), perGateway(zipEntries) / 6))
        print(String(format: "  2 QR PNGs          %6.2f ms", perGateway(qrCodes)))
        print(String(format: "  PNG sheet page     %6.2f ms per 12-label A4 page, 1-bit at 300 dpi (%.2f ms per gateway)", pngPages * 100, pngPages * 1000 / 120))
        print(String(format: "  PDF sheet page     %6.2f ms per 12-label A4 page, vector, QR codes already encoded (%.2f ms per gateway)", pdfPages * 100, pdfPages * 1000 / 120))
        print(String(format: "  ZPL label          %6.2f ms per %@ label", zplLabels * 1000 / 120, thermal.description))
    }

    static func writeCSV(count: Int, into folder: URL) throws -> URL {
        let file = folder.appendingPathComponent("gateways-\(count).csv")
        var text = "name,usecase,station\n"
        for index in 0..<count { text += "GW-\(String(format: "%05d", index)),Picking,Station\(index % 12 + 1)\n" }
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static func runBaseline(script: String, csv: URL, out: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", script, csv.path, out.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CommandFailure("The baseline script failed with status \(process.terminationStatus).", exitCode: 1) }
    }

    static func time(_ body: () throws -> Void) throws -> Double {
        let started = Date()
        try body()
        return Date().timeIntervalSince(started)
    }

    /// The process's peak resident memory (getrusage ru_maxrss, kB on Linux).
    static func peakMemoryMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static var isRelease: Bool {
        #if DEBUG
        false
        #else
        true
        #endif
    }
}
