import Foundation
import InsightCore
import InsightOnboardingInput
import InsightOpenAPI

/// `insight onboard`: checks the CSV, creates the gateways, provisions them, downloads their
/// packages, prints the sheets and writes the manifest — resumable at every step.
///
/// Resuming: every durable step is journaled (`Journal`). A re-run with the same CSV into the
/// same folder skips what the journal records. For the gap between a server commit and its
/// journal line: each bulk-create is journaled with its idempotency key before it is sent and
/// sent again under that key, so the server answers with what it created the first time; and
/// this batch's gateways that the server already provisioned get a new link to their package
/// instead of a second provisioning. Nothing is created twice, and nothing of another batch is
/// ever adopted: a name already taken in the customer is an error that names it.
public struct OnboardingPipeline: Sendable {
    /// The most gateways per bulk-create or create-provisioning-package request.
    static let chunkSize = 500

    let connection: APIConnection
    let request: OnboardingRequest

    public init(connection: APIConnection, request: OnboardingRequest) {
        self.connection = connection
        self.request = request
    }

    /// The customer an earlier run into `folder` worked in, so that an embedded re-run resumes there.
    public static func journaledCustomer(in folder: URL) -> String? {
        (try? Journal(folder: folder))?.batchRecord?.customer_id
    }

    /// A CSV that passed every check, and the hash that ties a journal to it.
    public struct CheckedCSV: Sendable {
        public let rows: [GatewayRow]
        public let sha256: String
    }

    /// Checks the whole CSV before anything else and returns its rows.
    ///
    /// - Throws: `OnboardingError.invalidInput` listing every problem with file, line and column.
    public static func checkedRows(of request: OnboardingRequest) throws -> CheckedCSV {
        let data: Data
        do {
            data = try Data(contentsOf: request.csvFile)
        } catch {
            throw OnboardingError.invalidInput(["\(request.csvFile.path): cannot be read (\(error.localizedDescription))."])
        }
        return try checkedRows(of: data, fileName: request.csvFile.lastPathComponent, request: request)
    }

    /// Checks a CSV held in memory (`request.csvFile` is not read) as `checkedRows(of:)` does a
    /// file, for a run whose CSV never touches the disk (the console's: it may hold WiFi passwords).
    ///
    /// - Throws: `OnboardingError.invalidInput` listing every problem with file, line and column.
    public static func checkedRows(of data: Data, fileName: String, request: OnboardingRequest) throws -> CheckedCSV {
        let rows: [GatewayRow]
        do {
            rows = try GatewayCSV.parse(data, fileName: fileName)
        } catch {
            throw OnboardingError.invalidInput(error.problems.map(\.description))
        }
        if request.packagePassword == nil, !request.allowUnencrypted {
            let secretLines = rows.filter { !((($0.wifi ?? request.defaultWiFi)?.password ?? "").isEmpty) }.map(\.line)
            if !secretLines.isEmpty {
                let lines = secretLines.prefix(10).map(String.init).joined(separator: ", ")
                throw OnboardingError.invalidInput([
                    "WiFi passwords (\(secretLines.count == rows.count ? "every row" : "lines \(lines)")) would be written into the packages unencrypted: give --package-password to encrypt the packages, or --no-encrypt to write them in clear text on purpose.",
                ])
            }
        }
        return CheckedCSV(rows: rows, sha256: data.sha256Hex)
    }

    /// Checks the CSV, runs the whole batch and returns the manifest it wrote.
    public func run(progress: ProgressReporter = ProgressReporter()) async throws -> Manifest {
        try await run(checked: Self.checkedRows(of: request), progress: progress)
    }

    /// How long the pipeline waits before it runs a batch again after a transient failure
    /// (`OnboardingError.isTransient`), one delay per new attempt: 15 s in all.
    public static let retryDelays: [Duration] = [.seconds(1), .seconds(2), .seconds(4), .seconds(8)]

    /// Runs the whole batch of an already checked CSV and returns the manifest it wrote. After a
    /// transient failure (an instance behind the load balancer killed mid-request, a server
    /// restarting) it runs the batch again as a re-run would, resuming from the journal: nothing
    /// is created twice.
    public func run(checked: CheckedCSV, progress: ProgressReporter = ProgressReporter()) async throws -> Manifest {
        var delays = Self.retryDelays[...]
        while true {
            do {
                return try await runOnce(checked: checked, progress: progress)
            } catch let error as OnboardingError where error.isTransient {
                guard let delay = delays.popFirst() else { throw error }
                progress.interrupt("retrying in \(delay.components.seconds) s: \(error.description)")
                try await Task.sleep(for: delay)
            }
        }
    }

    private func runOnce(checked: CheckedCSV, progress: ProgressReporter) async throws -> Manifest {
        let rows = checked.rows
        let csvHash = checked.sha256
        let folder = request.outputFolder
        for sub in ["", "packages", "sheets"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let journal = try Journal(folder: folder)
        // An earlier run may have crashed between a server commit and its journal line: ask the server.
        let resuming = journal.batchRecord != nil
        let batch = try startBatch(journal: journal, csvHash: csvHash)

        let ids = try await createGateways(rows, journal: journal, progress: progress)
        let serverState = resuming ? try await gatewaysOnServer(ids: Set(ids.values)) : [:]
        let draft = try draftManifest(batch: batch, rows: rows, ids: ids)
        let packaging = try await packageGateways(rows, ids: ids, journal: journal, serverState: serverState, progress: progress)

        let printer = SheetPrinter(folder: folder, layout: request.layout, output: request.labels, password: request.packagePassword)
        var manifest: Manifest
        if draft.gateways.allSatisfy({ packaging.tokens[$0.gateway_id] != nil }) {
            // Every label's token came with this run's answers: the sheets print while the
            // last packages download.
            async let printed = printer.printStationSheets(draft, tokens: packaging.tokens, progress: progress)
            try await packaging.finish(journal: journal)
            manifest = try await printed
        } else {
            // Some tokens are only in packages of an earlier run: read them once all are on disk
            // (at the draft's paths, where every download writes).
            try await packaging.finish(journal: journal)
            manifest = try await printer.printStationSheets(draft, tokens: packaging.tokens, progress: progress)
        }
        manifest = try withJournaledPackages(manifest, journal: journal)
        try manifest.write(to: folder)
        return manifest
    }

    /// The batch's manifest before its sheets are printed: each gateway's package at the file
    /// name it gets, its hash still empty; reissue labels kept from an earlier manifest.
    private func draftManifest(batch: String, rows: [GatewayRow], ids: [String: String]) throws -> Manifest {
        let folder = request.outputFolder
        let reissued = (try? Manifest.load(from: folder))?.gateways.reduce(into: [String: Manifest.Entry]()) { $0[$1.gateway_id] = $1 } ?? [:]
        let entries = try rows.map { row in
            guard let id = ids[row.name] else {
                throw OnboardingError.journalMismatch("Gateway '\(row.name)' was not created; run the command again.")
            }
            return Manifest.Entry(
                gateway_id: id, name: row.name, usecase: row.usecase, station: row.station,
                package: Self.packagePath(gatewayName: row.name, gatewayID: id), package_sha256: "", token_expires_at: 0, sheet: nil,
                qr_payload_sha256: "", reissue_sheet: reissued[id]?.reissue_sheet, reissue_prints: reissued[id]?.reissue_prints,
                encrypted: request.packagePassword != nil
            )
        }
        return Manifest(
            batch: batch, customer_id: connection.customerID, server: connection.label, layout: request.layout.rawValue,
            formats: [], gateways: entries, sheets: []
        )
    }

    /// `manifest` with every gateway's package and hash as the journal records them.
    ///
    /// - Throws: `OnboardingError.journalMismatch` for a gateway the journal has no package of.
    private func withJournaledPackages(_ manifest: Manifest, journal: Journal) throws -> Manifest {
        let packaged = journal.packagedGateways
        var result = manifest
        result.gateways = try manifest.gateways.map { entry in
            guard let record = packaged[entry.gateway_id], let package = record.package, let hash = record.package_sha256 else {
                throw OnboardingError.journalMismatch("Gateway '\(entry.name)' has no package after packaging; run the command again.")
            }
            var updated = entry
            updated.package = package
            updated.package_sha256 = hash
            return updated
        }
        return result
    }

    /// Where a gateway's package is written, relative to the output folder.
    private static func packagePath(gatewayName: String, gatewayID: String) -> String {
        "packages/" + SafeFileName.archiveName(gatewayName: gatewayName, gatewayID: gatewayID)
    }

    // MARK: Steps

    /// Records the batch in a new journal, or checks that the journal is of the same CSV and customer.
    private func startBatch(journal: Journal, csvHash: String) throws -> String {
        if let existing = journal.batchRecord {
            // Nothing sent yet (a name was found taken before any request): the corrected CSV
            // takes the old one's place.
            let nothingSent = !journal.records.contains { $0.kind == .request || $0.kind == .created }
            if existing.csv_sha256 != csvHash, nothingSent, existing.customer_id == connection.customerID {
                let batch = request.batchName ?? existing.batch ?? ""
                try journal.append([.init(kind: .batch, batch: batch, customer_id: connection.customerID, csv_sha256: csvHash)])
                return batch
            }
            guard existing.csv_sha256 == csvHash else {
                throw OnboardingError.journalMismatch("\(request.outputFolder.path) holds batch '\(existing.batch ?? "")' of another CSV; choose another --out folder.")
            }
            guard existing.customer_id == connection.customerID else {
                throw OnboardingError.journalMismatch("\(request.outputFolder.path) holds a batch of customer \(existing.customer_id ?? "?"), not \(connection.customerID).")
            }
            return existing.batch ?? ""
        }
        let today = Date().formatted(.iso8601.year().month().day())
        let batch = request.batchName ?? "\(request.csvFile.deletingPathExtension().lastPathComponent) \(today)"
        try journal.append([.init(kind: .batch, batch: batch, customer_id: connection.customerID, csv_sha256: csvHash)])
        return batch
    }

    /// This batch's gateways (`ids`) as the server has them now, by id (only asked when resuming).
    private func gatewaysOnServer(ids: Set<String>) async throws -> [String: Components.Schemas.Gateway] {
        var byID: [String: Components.Schemas.Gateway] = [:]
        try await eachGatewayOnServer { gateway in
            if ids.contains(gateway.id) { byID[gateway.id] = gateway }
        }
        return byID
    }

    /// Calls `body` with every gateway of the customer, 500 per request.
    private func eachGatewayOnServer(_ body: (Components.Schemas.Gateway) -> Void) async throws {
        var next: String?
        repeat {
            let page = try await callingAPI("list gateways") {
                try await connection.client.listGateways(path: connection.customerPath, query: .init(nextToken: next, limit: 500)).ok.body.json
            }
            page.items.forEach(body)
            next = page.links.next.flatMap { URLComponents(string: $0)?.queryItems?.first { $0.name == "next_token" }?.value }
        } while next != nil
    }

    /// Refuses `rows` when any of their names is already taken in the customer, before anything is
    /// requested, so that the user can correct the CSV and run the same command again.
    ///
    /// - Throws: `OnboardingError.invalidInput` naming the taken names and their CSV lines.
    private func requireNamesFree(_ rows: [GatewayRow]) async throws {
        guard !rows.isEmpty else { return }
        let wanted = Set(rows.map(\.name))
        var taken = Set<String>()
        try await eachGatewayOnServer { gateway in
            if wanted.contains(gateway.name) { taken.insert(gateway.name) }
        }
        guard !taken.isEmpty else { return }
        let lines = rows.filter { taken.contains($0.name) }.prefix(20).map { "\(request.csvFile.lastPathComponent):\($0.line): gateway name '\($0.name)' is already taken in customer \(connection.customerID)" }
        throw OnboardingError.invalidInput(lines + [
            "Nothing was created. Gateways of other batches are never adopted: rename these rows (or delete those gateways) and run the same command again.",
        ])
    }

    /// Creates the gateways the journal does not record as created, at most 500 per request.
    /// Each request is journaled with a new idempotency key before it is sent; one whose answer
    /// was lost (a crash, Ctrl-C) is sent again under its key, so that the server answers with
    /// what it created then. Returns every row's gateway id.
    ///
    /// - Throws: `OnboardingError.invalidInput` naming the rows whose names are already taken in
    ///   the customer (by another batch or by hand; they are never adopted), before any request;
    ///   `OnboardingError.journalMismatch` when a replayed request lacks gateways it had created.
    private func createGateways(_ rows: [GatewayRow], journal: Journal, progress: ProgressReporter) async throws -> [String: String] {
        var ids = journal.createdGateways
        let rowsByName = Dictionary(rows.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var requests = journal.requests.filter { $0.names.contains { ids[$0] == nil } }
            .map { (key: $0.key, rows: $0.names.compactMap { rowsByName[$0] }) }
        let requested = Set(requests.flatMap { $0.rows.map(\.name) })
        let freshRows = rows.filter { ids[$0.name] == nil && !requested.contains($0.name) }
        try await requireNamesFree(freshRows)
        let fresh = freshRows.chunked(into: Self.chunkSize).map { (key: UUID().lowercasedString, rows: Array($0)) }
        try journal.append(fresh.map { .init(kind: .request, idempotency_key: $0.key, names: $0.rows.map(\.name)) })
        requests += fresh

        let total = requests.reduce(0) { $0 + $1.rows.count }
        let stage = progress.begin("create", total: total)
        for request in requests {
            let body = Components.Schemas.GatewayBulkCreate(gateways: request.rows.map { .init(usecase: $0.usecase, station: $0.station, name: $0.name) })
            let created: [Components.Schemas.Gateway]
            do {
                created = try await callingAPI("bulk-create") {
                    try await connection.client.bulkCreateGateways(
                        path: .init(customerId: connection.customerID), headers: .init(idempotencyKey: request.key), body: .json(body)
                    ).created.body.json
                }
            } catch OnboardingError.server(let operation, 409, let details) where !details.contains("Idempotency-Key") {
                throw OnboardingError.server(
                    operation: operation, status: 409,
                    details: details + " This batch did not create it, and gateways of other batches are never adopted: rename the row in the CSV, or delete that gateway."
                )
            }
            let missing = Set(request.rows.map(\.name)).subtracting(created.map(\.name))
            guard missing.isEmpty else {
                throw OnboardingError.journalMismatch(
                    "The server no longer has gateways that an earlier request of this batch created (\(missing.sorted().prefix(10).joined(separator: ", "))): they were deleted or renamed since. Onboard the CSV into a new --out folder."
                )
            }
            try journal.append(created.map { .init(kind: .created, name: $0.name, gateway_id: $0.id) })
            for gateway in created { ids[gateway.name] = gateway.id }
            stage.advance(by: created.count)
        }
        stage.finish("\(total) created, \(rows.count - total) already there")
        return ids
    }

    /// What `packageGateways` leaves running: the download of the last chunk's packages.
    private struct Packaging {
        /// The tokens of the gateways provisioned in this run, by gateway id, for their labels.
        let tokens: [String: SheetPrinter.LabelToken]
        let pendingDownloads: Task<[Result<Journal.Record, any Error>], any Error>?
        let stage: ProgressReporter.Stage
        let summary: String

        /// Waits for the last downloads, journals those that succeeded and ends the "package"
        /// stage; throws the first download's failure.
        func finish(journal: Journal) async throws {
            if let pendingDownloads { try journal.appendSucceeded(try await pendingDownloads.value) }
            stage.finish(summary)
        }
    }

    /// Provisions the gateways without a package on disk, downloads and journals their
    /// packages; the last chunk's downloads are still running when it returns.
    private func packageGateways(
        _ rows: [GatewayRow], ids: [String: String], journal: Journal, serverState: [String: Components.Schemas.Gateway], progress: ProgressReporter
    ) async throws -> Packaging {
        let packaged = journal.packagedGateways
        // A package the journal knows but the disk lost (deleted by hand, or emptied by a crash
        // before the file system wrote it) is fetched again.
        let onDisk = { (record: Journal.Record) in
            guard let package = record.package, let hash = record.package_sha256,
                  let data = FileManager.default.contents(atPath: request.outputFolder.appendingPathComponent(package).path)
            else { return false }
            return data.sha256Hex == hash
        }
        let pending = rows.filter { row in ids[row.name].map { id in packaged[id].map { !onDisk($0) } ?? true } ?? false }
        let stage = progress.begin("package", total: pending.count)
        // Gateways provisioned on the server before a crash get a new link, not a second provisioning.
        let alreadyProvisioned = pending.filter { row in
            ids[row.name].flatMap { serverState[$0] }.map { $0.connectivityStatus != .notRegistered } ?? false
        }
        let relinkable = alreadyProvisioned.compactMap { row in ids[row.name].map { (name: row.name, id: $0) } }
        try journal.appendSucceeded(try await downloadEach(relinkable, stage: stage) { gateway in
            let link = try await callingAPI("generate-download-url") {
                try await connection.client.generateDownloadUrl(
                    path: .init(customerId: connection.customerID), body: .json(.init(gatewayId: gateway.id))
                ).ok.body.json
            }
            return try await download(packageURL: link.packageUrl, gateway: gateway)
        })
        let provisioned = Set(alreadyProvisioned.map(\.name))
        let groups = Dictionary(grouping: pending.filter { !provisioned.contains($0.name) }) { $0.wifi ?? request.defaultWiFi }
        let chunks = groups.sorted { ($0.value.first?.line ?? 0) < ($1.value.first?.line ?? 0) }
            .flatMap { wifi, group in group.chunked(into: Self.chunkSize).map { (wifi: wifi, rows: $0) } }
        // Chunk k's packages download while the server provisions chunk k+1: the server is
        // CPU-bound, the downloads mostly wait.
        var tokens: [String: SheetPrinter.LabelToken] = [:]
        var downloading: Task<[Result<Journal.Record, any Error>], any Error>?
        do {
            for chunk in chunks {
                let targets = try await provision(chunk.rows, wifi: chunk.wifi, ids: ids)
                for target in targets { tokens[target.id] = target.token }
                if let previous = downloading { try journal.appendSucceeded(try await previous.value) }
                downloading = Task {
                    try await self.downloadEach(targets, stage: stage) { target in
                        try await self.download(packageURL: target.url, gateway: (target.name, target.id))
                    }
                }
            }
        } catch {
            // Journal what did download, so that a re-run does not fetch it again.
            if let results = try? await downloading?.value { try? journal.appendSucceeded(results) }
            throw error
        }
        return Packaging(
            tokens: tokens, pendingDownloads: downloading, stage: stage,
            summary: "\(pending.count) packaged, \(rows.count - pending.count) already on disk"
        )
    }

    /// Runs `fetch` for every target, 8 at a time, counting each success on `stage`. Every
    /// download is tried and returns its journal record or its failure, so that the ones that
    /// succeed are journaled even when another fails.
    private func downloadEach<Target: Sendable>(
        _ targets: [Target], stage: ProgressReporter.Stage, _ fetch: @escaping @Sendable (Target) async throws -> Journal.Record
    ) async throws -> [Result<Journal.Record, any Error>] {
        try await targets.concurrentMap(width: 8) { target in
            do {
                let record = try await fetch(target)
                stage.advance()
                return .success(record)
            } catch {
                return .failure(error)
            }
        }
    }

    /// A provisioned gateway: its package link and its token's label facts.
    private struct ProvisionedTarget {
        let url: String
        let name: String
        let id: String
        let token: SheetPrinter.LabelToken?
    }

    /// Asks the server to provision `rows` with `wifi`; returns each gateway's package link and token.
    private func provision(_ rows: ArraySlice<GatewayRow>, wifi: WiFiOverride?, ids: [String: String]) async throws -> [ProvisionedTarget] {
        let body = Components.Schemas.ProvisioningPackageRequest(
            gateways: rows.map { .init(gatewayId: ids[$0.name]) },
            wifi: wifi.map(Components.Schemas.WifiCredentials.init),
            packagePassword: request.packagePassword, allowUnencrypted: request.allowUnencrypted
        )
        let links = try await callingAPI("create-provisioning-package") {
            try await connection.client.createProvisioningPackage(path: .init(customerId: connection.customerID), body: .json(body)).ok.body.json.gateways
        }
        let names = Dictionary(uniqueKeysWithValues: rows.compactMap { row in ids[row.name].map { ($0, row.name) } })
        return links.compactMap { link in
            guard let id = link.gatewayId, let url = link.packageUrl, let name = names[id] else { return nil }
            // A server without the extension fields leaves the labels to read the packages.
            let token = link.qrPayload.flatMap { payload in link.tokenExpiresAt.map { SheetPrinter.LabelToken(qrPayload: payload, expiresAt: $0) } }
            return ProvisionedTarget(url: url, name: name, id: id, token: token)
        }
    }

    /// Downloads one package into `packages/` atomically and returns its journal record.
    private func download(packageURL: String, gateway: (name: String, id: String)) async throws -> Journal.Record {
        let data = try await callingAPI("download package") { try await connection.downloadPackage(at: packageURL) }
        let relative = Self.packagePath(gatewayName: gateway.name, gatewayID: gateway.id)
        try OutputFile.replace(request.outputFolder.appendingPathComponent(relative), with: data)
        let hash = data.sha256Hex
        return .init(kind: .packaged, gateway_id: gateway.id, package: relative, package_sha256: hash)
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
