import Foundation
import InsightAPI
import InsightClient
import InsightCore
import InsightOnboarding
import InsightOnboardingInput
import InsightPackaging

/// The console's batches: each runs `insight onboard`'s pipeline in this process, against an
/// embedded loopback server over the same store (exactly as `insight onboard` does without
/// `--server`), acting as the signed-in user with their IdToken, into its own folder under
/// `<data directory>/console-batches/<customer>/<batch id>/` (manifest, journal, packages,
/// sheets: the output folder of `insight onboard`).
///
/// A batch's progress lives in this process while it runs; its record and files stay in its
/// folder. A batch whose process stopped is reported `interrupted`, and the same CSV uploaded
/// again resumes it from its journal (nothing is created twice). Batches are kept per instance:
/// behind a load balancer, route a customer's console to one instance (README).
actor ConsoleBatches {
    /// What a user asks to run.
    struct Order: Sendable {
        let customerID: String
        let email: String
        let idToken: String
        let csv: Data
        let fileName: String
        let name: String?
        let wifi: WiFiOverride?
        let packagePassword: String
    }

    private let root: URL
    private let server: InsightServer
    private var running: [String: ProgressReporter] = [:]
    /// Batches whose folder a swap is changing now.
    private var swapping: Set<String> = []

    /// The label formats console batches print: PNG sheets, PDFs (per station and whole batch) and ZPL.
    static let formats: [LabelFormat] = [.png, .pdf, .zpl]

    init(dataDirectory: URL, server: InsightServer) {
        root = dataDirectory.appendingPathComponent("console-batches", isDirectory: true)
        var loopback = server
        loopback.additionalRoutes = []
        loopback.backgroundServices = []
        self.server = loopback
    }

    /// Checks the order's CSV whole and starts the batch (or resumes the interrupted batch of the
    /// same CSV); returns its record at once.
    ///
    /// - Throws: `ConsoleCSVRejection` with every problem of the CSV; `InsightError.badRequest`
    ///   for a problem of the order's other values; nothing is created then.
    func start(_ order: Order) throws -> ConsoleBatch {
        let request = OnboardingRequest(
            csvFile: URL(fileURLWithPath: order.fileName), outputFolder: root, batchName: order.name, defaultWiFi: order.wifi,
            packagePassword: order.packagePassword, labels: LabelOutput(formats: Self.formats)
        )
        let checked: OnboardingPipeline.CheckedCSV
        do {
            checked = try OnboardingPipeline.checkedRows(of: order.csv, fileName: order.fileName, request: request)
        } catch {
            // Only a refused CSV is parsed again, for its problems with line and column.
            let problems = ConsoleCSVCheck.check(order.csv, fileName: order.fileName).problems
            guard problems.isEmpty else { throw ConsoleCSVRejection(problems: problems) }
            throw InsightError.badRequest("\(error)")
        }
        let resumed = batches(customerID: order.customerID).first {
            $0.csvSHA256 == checked.sha256 && $0.state != .done && running[$0.id] == nil
        }
        var batch = resumed ?? ConsoleBatch(
            id: UUID().uuidString.lowercased(), name: order.name ?? Self.defaultName(fileName: order.fileName), customerID: order.customerID,
            startedBy: order.email, started: Self.nowMillis(), state: .running, gatewayCount: checked.rows.count, csvSHA256: checked.sha256
        )
        batch.state = .running
        batch.error = nil
        batch.finished = nil
        let folder = try self.folder(of: batch.id, customerID: order.customerID, creating: true)
        try record(batch, in: folder)
        var batchRequest = request
        batchRequest.outputFolder = folder
        batchRequest.batchName = batch.name
        let reporter = ProgressReporter(interactive: false, quiet: true)
        running[batch.id] = reporter
        let server = self.server
        Task {
            let outcome: Result<Manifest, any Error> = await Result(catching: {
                try await server.withLoopback { url in
                    let connection = APIConnection(
                        client: InsightAPIClient.make(serverURL: url, idToken: order.idToken), baseURL: url,
                        customerID: order.customerID, label: Manifest.embeddedServer
                    )
                    return try await OnboardingPipeline(connection: connection, request: batchRequest).run(checked: checked, progress: reporter)
                }
            })
            await self.finish(batch, in: folder, outcome: outcome)
        }
        return batch
    }

    private func finish(_ batch: ConsoleBatch, in folder: URL, outcome: Result<Manifest, any Error>) {
        var batch = batch
        batch.finished = Self.nowMillis()
        switch outcome {
        case .success: batch.state = .done
        case .failure(let error):
            batch.state = .failed
            batch.error = "\(error)"
        }
        try? record(batch, in: folder)
        running[batch.id] = nil
    }

    /// The customer's batches, newest first; those of a stopped process as `interrupted`.
    func batches(customerID: String) -> [ConsoleBatch] {
        guard let customerFolder = try? customerFolder(customerID, creating: false),
              let names = try? FileManager.default.contentsOfDirectory(atPath: customerFolder.path)
        else { return [] }
        return names.compactMap { try? stored(ConsoleBatch.self, at: customerFolder.appendingPathComponent($0).appendingPathComponent(ConsoleBatch.fileName)) }
            .map(reported)
            .sorted { $0.started > $1.started }
    }

    /// The batch as it stands now.
    ///
    /// - Throws: `InsightError.notFound` when the customer has no such batch.
    func status(of id: String, customerID: String) throws -> ConsoleBatchStatus {
        let folder = try folder(of: id, customerID: customerID, creating: false)
        guard let batch = try? stored(ConsoleBatch.self, at: folder.appendingPathComponent(ConsoleBatch.fileName)) else {
            throw InsightError.notFound("There is no batch '\(id)' in this customer.")
        }
        let snapshot = running[id]?.snapshot
        let files = batch.state == .done ? (try? Manifest.load(from: folder)).map(ConsoleBatchFiles.init) : nil
        return ConsoleBatchStatus(batch: reported(batch), stages: snapshot?.stages ?? [], notice: snapshot?.interruption, files: files)
    }

    /// The bytes of one of the batch's files: only a path its manifest names (sheets, PDFs, ZPL,
    /// packages), so that no request reads anything else of the disk.
    func file(_ path: String, of id: String, customerID: String) throws -> Data {
        let folder = try folder(of: id, customerID: customerID, creating: false)
        guard let manifest = try? Manifest.load(from: folder) else { throw InsightError.notFound("Batch '\(id)' has no files yet.") }
        guard Self.files(of: manifest).contains(path) else { throw InsightError.notFound("Batch '\(id)' has no file '\(path)'.") }
        return try Data(contentsOf: folder.appendingPathComponent(path))
    }

    /// Every package of the batch in one zip (each package a zip entry as it is, still encrypted).
    func packagesArchive(of id: String, customerID: String) throws -> Data {
        let folder = try folder(of: id, customerID: customerID, creating: false)
        guard let manifest = try? Manifest.load(from: folder) else { throw InsightError.notFound("Batch '\(id)' has no packages yet.") }
        var archive = ZipArchiveWriter()
        for entry in manifest.gateways {
            try archive.addEntry(named: entry.package, data: Data(contentsOf: folder.appendingPathComponent(entry.package)))
        }
        return try archive.archiveData()
    }

    /// The batch whose manifest holds `gatewayID`, newest first, and its entry.
    func batch(holding gatewayID: String, customerID: String) -> (batch: ConsoleBatch, entry: Manifest.Entry, folder: URL)? {
        for batch in batches(customerID: customerID) where batch.state == .done {
            guard let folder = try? folder(of: batch.id, customerID: customerID, creating: false),
                  let manifest = try? Manifest.load(from: folder),
                  let entry = manifest.gateways.first(where: { $0.gateway_id == gatewayID })
            else { continue }
            return (batch, entry, folder)
        }
        return nil
    }

    /// Runs `body` on the folder of a finished batch with no other swap in it meanwhile.
    ///
    /// - Throws: `InsightError.conflict` while the batch runs or another swap changes it.
    func changing<Result: Sendable>(_ batchID: String, _ body: @Sendable () async throws -> Result) async throws -> Result {
        guard running[batchID] == nil, !swapping.contains(batchID) else {
            throw InsightError.conflict("Batch '\(batchID)' is busy (running, or another swap is changing it); try again in a moment.")
        }
        swapping.insert(batchID)
        defer { swapping.remove(batchID) }
        return try await body()
    }

    /// `insight reissue` for a gateway of a console batch: revokes its certificate, voids its
    /// token, replaces its package, prints its new one-label files, re-prints its station's
    /// sheets and the batch PDF, and updates the manifest, as the signed-in user.
    ///
    /// - Throws: `InsightError.conflict` when no finished console batch holds the gateway or the
    ///   batch is busy; `badRequest` without the package password of an encrypted batch or with a
    ///   wrong one; the API's refusal as it is.
    func swap(gatewayID: String, customerID: String, idToken: String, packagePassword: String?) async throws {
        guard let held = batch(holding: gatewayID, customerID: customerID) else {
            throw InsightError.conflict("This gateway was not onboarded in the console: swap it with `insight reissue` in the folder of the batch that onboarded it.")
        }
        if held.entry.encrypted, packagePassword == nil {
            throw InsightError.badRequest("Give the batch's package password: the new package is encrypted with it, like the others.")
        }
        let server = self.server
        try await changing(held.batch.id) {
            do {
                _ = try await server.withLoopback { url in
                    let connection = APIConnection(
                        client: InsightAPIClient.make(serverURL: url, idToken: idToken), baseURL: url, customerID: customerID, label: Manifest.embeddedServer
                    )
                    return try await GatewayReissue(
                        connection: connection, folder: held.folder, password: packagePassword, wifi: nil, allowUnencrypted: false
                    ).run(gatewayID, progress: ProgressReporter(interactive: false, quiet: true)).revokedSerials
                }
            } catch let error as OnboardingError {
                throw InsightError(error)
            }
        }
    }

    /// Every file of a batch that may be downloaded.
    static func files(of manifest: Manifest) -> Set<String> {
        var files = Set(manifest.sheets)
        for entry in manifest.gateways {
            files.insert(entry.package)
            files.formUnion([entry.sheet, entry.reissue_sheet].compactMap { $0 })
            files.formUnion((entry.prints ?? []) + (entry.reissue_prints ?? []))
        }
        return files
    }

    private func reported(_ batch: ConsoleBatch) -> ConsoleBatch {
        guard batch.state == .running, running[batch.id] == nil else { return batch }
        var interrupted = batch
        interrupted.state = .interrupted
        return interrupted
    }

    /// Writes the batch's record (in Swift's own key names; the endpoints answer snake_case).
    private func record(_ batch: ConsoleBatch, in folder: URL) throws {
        try JSONEncoder().encode(batch).write(to: folder.appendingPathComponent(ConsoleBatch.fileName), options: .atomic)
    }

    private func stored<Value: Decodable>(_ type: Value.Type, at url: URL) throws -> Value {
        try JSONDecoder().decode(type, from: Data(contentsOf: url))
    }

    /// A customer's folder: its id when that is a safe file name (letters, digits, `-`, `_`), else its hex.
    private func customerFolder(_ customerID: String, creating: Bool) throws -> URL {
        let safe = !customerID.isEmpty && customerID.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        let folder = root.appendingPathComponent(safe ? customerID : "x" + Data(customerID.utf8).map { String(format: "%02x", $0) }.joined(), isDirectory: true)
        if creating { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        return folder
    }

    /// A batch's folder; `id` must be a lower-case UUID, as `start` makes them.
    private func folder(of id: String, customerID: String, creating: Bool) throws -> URL {
        guard UUID(uuidString: id) != nil, id == id.lowercased() else { throw InsightError.notFound("There is no batch '\(id.prefix(64))' in this customer.") }
        let folder = try customerFolder(customerID, creating: creating).appendingPathComponent(id, isDirectory: true)
        if creating { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        return folder
    }

    private static func defaultName(fileName: String) -> String {
        let stem = (fileName as NSString).deletingPathExtension
        return "\(stem.isEmpty ? "batch" : stem) \(ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate]))"
    }

    private static func nowMillis() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

private extension UInt8 {
    var isASCIIAlphanumeric: Bool { (48...57).contains(self) || (65...90).contains(self) || (97...122).contains(self) }
}

extension Result where Failure == any Error {
    /// The result of an async throwing body.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

extension InsightError {
    /// A pipeline failure as the console answers it: the API's refusal with its status, the
    /// person's mistakes as 400, the rest as 500 with the pipeline's own words.
    init(_ error: OnboardingError) {
        switch error {
        case .server(_, let status, _):
            let kind: Kind = switch status {
            case 400: .badRequest
            case 401: .unauthorized
            case 403: .forbidden
            case 404: .notFound
            case 409: .conflict
            default: .internalError
            }
            self.init(kind, title: "Refused", details: error.description)
        case .invalidInput, .packageUnreadable, .unknownGateway:
            self.init(.badRequest, title: "Bad Request", details: error.description)
        default:
            self.init(.internalError, title: "Internal Server Error", details: error.description)
        }
    }
}
