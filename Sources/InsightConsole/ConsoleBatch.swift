import Foundation
import InsightOnboarding

/// A batch the console runs: what is kept of it in its folder (`console-batch.json`, beside the
/// pipeline's own manifest and journal). It holds no secret: the CSV, WiFi and package passwords
/// live only in memory while the batch runs.
struct ConsoleBatch: Codable, Sendable, Equatable {
    enum State: String, Codable, Sendable {
        /// The pipeline runs in this process.
        case running
        case done
        case failed
        /// It was running when its process stopped; uploading the same CSV again resumes it.
        case interrupted
    }

    let id: String
    let name: String
    let customerID: String
    /// The email of the user who started it.
    let startedBy: String
    /// Milliseconds since 1970.
    let started: Int64
    var finished: Int64?
    var state: State
    let gatewayCount: Int
    /// SHA-256 of the CSV: the same CSV uploaded again resumes an interrupted batch.
    let csvSHA256: String
    var error: String?

    static let fileName = "console-batch.json"
}

/// What the console shows of a batch: the record, the pipeline's stages while it runs, and the
/// files to download once it is done.
struct ConsoleBatchStatus: Encodable, Sendable {
    let batch: ConsoleBatch
    let stages: [StageProgress]
    /// The latest transient failure the pipeline retried after, if any.
    let notice: String?
    let files: ConsoleBatchFiles?
}

/// The downloads of a finished batch, as paths relative to its folder.
struct ConsoleBatchFiles: Encodable, Sendable {
    struct Station: Encodable, Sendable {
        let station: String
        let gateways: Int
        let pdf: String?
        let zpl: String?
    }

    /// A gateway of the batch and its package.
    struct Gateway: Encodable, Sendable {
        let gatewayId: String
        let name: String
        let station: String
        let package: String
    }

    /// Every station's labels in one PDF, when the batch printed PDFs.
    let batchPDF: String?
    let stations: [Station]
    let packages: Int
    let gateways: [Gateway]

    init(manifest: Manifest) {
        let allPrints = Set(manifest.gateways.flatMap { $0.prints ?? [] })
        let batchPDF = manifest.sheets.first { $0.hasSuffix("all-stations.pdf") } ?? allPrints.first { $0.hasSuffix("all-stations.pdf") }
        self.batchPDF = batchPDF
        let byStation = Dictionary(grouping: manifest.gateways, by: \.station)
        stations = byStation.keys.sorted().map { station in
            let prints = Set(byStation[station, default: []].flatMap { $0.prints ?? [] }).subtracting([batchPDF].compactMap { $0 })
            return Station(
                station: station, gateways: byStation[station, default: []].count,
                pdf: prints.first { $0.hasSuffix(".pdf") }, zpl: prints.first { $0.hasSuffix(".zpl") }
            )
        }
        packages = manifest.gateways.count
        gateways = manifest.gateways.map { Gateway(gatewayId: $0.gateway_id, name: $0.name, station: $0.station, package: $0.package) }
    }
}
