import Foundation

/// The export use cases: an export made at once, background export tasks, their status, the
/// worker's step, and the signed download of a finished file.
///
/// Files are written as they are read, in parts of `partSize` bytes, never whole in memory.
public struct ExportService: Sendable {
    /// How long a download link works.
    public static let linkLifetime: Int64 = 5 * 60_000
    /// How long a worker's claim on a task lasts without progress.
    public static let leaseLength: Int64 = 2 * 60_000
    /// Exports are deleted this long after they completed.
    public static let retention: Int64 = 24 * 3_600_000
    static let partSize = 1 << 20
    static let rowsPerBatch = 2_000

    private let store: any EventExportStore
    private let rows: any ExportRowSource
    private let linkSigner: DownloadLinkSigner
    private let publicURL: String
    private let clock: any Clock

    /// - Parameters:
    ///   - linkSigner: signs the `exports` links.
    ///   - publicURL: the base of the links, without a trailing slash.
    public init(store: any EventExportStore, rows: any ExportRowSource, linkSigner: DownloadLinkSigner, publicURL: String, clock: any Clock = SystemClock()) {
        self.store = store
        self.rows = rows
        self.linkSigner = linkSigner
        self.publicURL = publicURL
        self.clock = clock
    }

    /// Exports the customer's events in the range (default: the last day) now and returns a
    /// download link.
    ///
    /// - Throws: `forbidden`; `badRequest` for an end before the start.
    public func exportNow(_ principal: Principal, customerID: String, start: Int64?, end: Int64?) async throws -> String {
        try principal.authorize(.eventsRead, in: customerID)
        let now = clock.now()
        let export = EventExport(
            id: UUID(), customerID: customerID, range: try EventQuery(startMillis: start, endMillis: end, gatewayID: nil, now: now), requested: now,
            isTask: false, status: .running
        )
        let claim = ExportClaim(exportID: export.id, token: UUID())
        try await store.insert(export, claim: claim, leaseUntil: Timestamp(rawValue: now.rawValue + Self.leaseLength))
        return link(to: try await produce(export, claim: claim))
    }

    /// Queues an export of the customer's events in the range (default: the last day) for a worker.
    public func requestExport(_ principal: Principal, customerID: String, start: Int64?, end: Int64?) async throws -> EventExport {
        try principal.authorize(.eventsRead, in: customerID)
        let now = clock.now()
        let export = EventExport(
            id: UUID(), customerID: customerID, range: try EventQuery(startMillis: start, endMillis: end, gatewayID: nil, now: now), requested: now,
            isTask: true, status: .pending
        )
        try await store.insert(export, claim: nil, leaseUntil: nil)
        return export
    }

    /// A task of the customer and, when it succeeded, a fresh download link.
    ///
    /// - Throws: `notFound` for an id of no task of the customer.
    public func task(_ principal: Principal, customerID: String, taskID: String) async throws -> (task: EventExport, link: String?) {
        try principal.authorize(.eventsRead, in: customerID)
        guard let id = UUID(text: taskID), let export = try await store.export(id: id), export.customerID == customerID, export.isTask else {
            throw InsightError.notFound("There is no export task '\(taskID.prefix(64))' in this customer.")
        }
        return (export, export.status == .successful ? link(to: export) : nil)
    }

    /// Claims one waiting task and makes it; returns it, or nil when none waits. For the
    /// background worker.
    ///
    /// - Throws: what made the task fail (it is recorded as failed first).
    public func runNextTask() async throws -> EventExport? {
        let now = clock.now()
        guard let (export, claim) = try await store.claimNextTask(now: now, leaseUntil: Timestamp(rawValue: now.rawValue + Self.leaseLength)) else {
            return nil
        }
        _ = try await produce(export, claim: claim)
        return export
    }

    /// Deletes exports past their retention; how many.
    public func deleteExpired() async throws -> Int {
        try await store.deleteExports(completedBefore: Timestamp(rawValue: clock.now().rawValue - Self.retention))
    }

    /// The file of a finished export behind a signed link, as its parts in order.
    ///
    /// - Throws: `forbidden` for a wrong signature or an expired link; `notFound` for an export
    ///   that does not exist (any more) or has no file.
    public func download(exportID: String, expires: Int64, signature: String) async throws -> (export: EventExport, parts: AsyncThrowingStream<Data, any Error>) {
        let expiry = Timestamp(rawValue: expires)
        guard let id = UUID(text: exportID), linkSigner.isValid(signature: signature, id: id, expires: expiry) else {
            throw InsightError.forbidden("The download link is not valid.")
        }
        guard expiry >= clock.now() else { throw InsightError.forbidden("The download link has expired; ask for a new one.") }
        guard let export = try await store.export(id: id), export.status == .successful else {
            throw InsightError.notFound("There is no finished export '\(exportID)'.")
        }
        let store = self.store
        let parts = AsyncThrowingStream<Data, any Error> { continuation in
            let reader = Task {
                do {
                    var sequence = 0
                    while let part = try await store.part(exportID: id, sequence: sequence) {
                        continuation.yield(part)
                        sequence += 1
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in reader.cancel() }
        }
        return (export, parts)
    }

    private func link(to export: EventExport) -> String {
        publicURL + linkSigner.path(id: export.id, expires: Timestamp(rawValue: clock.now().rawValue + Self.linkLifetime))
    }

    /// Writes the file of `export` part by part under `claim` and records the outcome; a failure
    /// is recorded, then thrown.
    private func produce(_ export: EventExport, claim: ExportClaim) async throws -> EventExport {
        var finished = export
        do {
            var writer = PartWriter(store: store, claim: claim, clock: clock)
            try await writer.write(rows.header.map { .text($0) })
            // The next batch is read while this one is written: the database (or, on SQLite, its
            // thread) works while this task encodes, and two batches at most are in memory.
            let source = rows, customerID = export.customerID, range = export.range
            typealias BatchRead = Task<(rows: [[CSVExportEncoder.Cell]], next: PageCursor?), any Error>
            func read(after cursor: PageCursor?) -> BatchRead {
                Task { try await source.rows(customerID: customerID, range: range, after: cursor, limit: Self.rowsPerBatch) }
            }
            var reading: BatchRead? = read(after: nil)
            defer { reading?.cancel() }
            while let current = reading {
                let batch = try await current.value
                reading = batch.next.map(read(after:))
                for row in batch.rows { try await writer.write(row) }
                finished.rowCount += Int64(batch.rows.count)
            }
            try await writer.finish()
            finished.byteCount = writer.byteCount
            finished.status = .successful
        } catch let error as InsightError where error.kind == .conflict {
            throw error  // another worker holds the task now: it records the outcome.
        } catch {
            finished.status = .failed
            finished.failure = "\(error)"
            finished.completed = clock.now()
            try await store.complete(finished, claim: claim)
            throw error
        }
        finished.completed = clock.now()
        try await store.complete(finished, claim: claim)
        return finished
    }
}

/// Buffers CSV lines into parts of `ExportService.partSize` bytes and stores each full part.
private struct PartWriter {
    let store: any EventExportStore
    let claim: ExportClaim
    let clock: any Clock
    private var buffer: [UInt8] = []
    private var sequence = 0
    private(set) var byteCount: Int64 = 0

    init(store: any EventExportStore, claim: ExportClaim, clock: any Clock) {
        self.store = store
        self.claim = claim
        self.clock = clock
        buffer.reserveCapacity(ExportService.partSize + 4_096)
    }

    /// Appends the CSV line of `cells`.
    mutating func write(_ cells: [CSVExportEncoder.Cell]) async throws {
        CSVExportEncoder.append(cells, to: &buffer)
        if buffer.count >= ExportService.partSize { try await flush() }
    }

    mutating func finish() async throws {
        if !buffer.isEmpty || sequence == 0 { try await flush() }
    }

    private mutating func flush() async throws {
        let leaseUntil = Timestamp(rawValue: clock.now().rawValue + ExportService.leaseLength)
        try await store.appendPart(Data(buffer), sequence: sequence, claim: claim, leaseUntil: leaseUntil)
        byteCount += Int64(buffer.count)
        sequence += 1
        buffer.removeAll(keepingCapacity: true)
    }
}
