import Foundation

/// An export of a customer's events to a CSV file, made at once (`GET /events/export`) or by a
/// background task (`POST /events/export/tasks`), and kept in the store with its file.
public struct EventExport: Sendable, Equatable {
    /// Where an export stands; a task is `pending` until a worker claims it.
    public enum Status: String, Sendable {
        case pending = "PENDING"
        case running = "RUNNING"
        case successful = "SUCCESSFUL"
        case failed = "FAILED"
    }

    public let id: UUID
    public let customerID: String
    /// The events exported (every gateway's; `gatewayID` is `nil`).
    public let range: EventQuery
    public let requested: Timestamp
    /// Whether a background worker makes it (a task) rather than the request that asked.
    public let isTask: Bool
    public var status: Status
    public var completed: Timestamp?
    public var byteCount: Int64
    public var rowCount: Int64
    /// Why it failed, for the log; never shown to callers.
    public var failure: String?

    public init(
        id: UUID, customerID: String, range: EventQuery, requested: Timestamp, isTask: Bool, status: Status,
        completed: Timestamp? = nil, byteCount: Int64 = 0, rowCount: Int64 = 0, failure: String? = nil
    ) {
        self.id = id
        self.customerID = customerID
        self.range = range
        self.requested = requested
        self.isTask = isTask
        self.status = status
        self.completed = completed
        self.byteCount = byteCount
        self.rowCount = rowCount
        self.failure = failure
    }

    /// The file name a download offers.
    public var fileName: String { "events-\(range.start.rawValue)-\(range.end.rawValue).csv" }
}

/// The right of one worker (or request) to write an export: writes of an expired claim are
/// refused, so that an export whose worker stalled and whose task another worker took over is
/// completed exactly once.
public struct ExportClaim: Sendable, Equatable {
    public let exportID: UUID
    public let token: UUID

    public init(exportID: UUID, token: UUID) {
        self.exportID = exportID
        self.token = token
    }
}

/// The rows of an export, read in batches so that no export holds all events in memory.
public protocol ExportRowSource: Sendable {
    /// The header row.
    var header: [String] { get }
    /// Up to `limit` rows of the customer's events in `range`, in (`created`, `id`) order, after
    /// `after`; and where the next batch starts (`nil` after the last).
    func rows(customerID: String, range: EventQuery, after: PageCursor?, limit: Int) async throws
        -> (rows: [[CSVExportEncoder.Cell]], next: PageCursor?)
}

/// Persistence of exports and their files (kept in chunks, so that any server process on the
/// database may make or serve them).
public protocol EventExportStore: Sendable {
    /// Stores a new export; with `claim`, already claimed (running) by its holder until `leaseUntil`.
    func insert(_ export: EventExport, claim: ExportClaim?, leaseUntil: Timestamp?) async throws
    func export(id: UUID) async throws -> EventExport?
    /// Claims the oldest task that is pending, or running under a lease that ran out before `now`
    /// (its worker stalled or died): it becomes running under a new claim until `leaseUntil`, and
    /// any file parts the earlier holder wrote are dropped. At most one caller gets each claim,
    /// however many processes ask at once.
    func claimNextTask(now: Timestamp, leaseUntil: Timestamp) async throws -> (EventExport, ExportClaim)?
    /// Appends part `sequence` of the file and extends the lease.
    /// - Throws: `conflict` when `claim` is no longer the export's.
    func appendPart(_ data: Data, sequence: Int, claim: ExportClaim, leaseUntil: Timestamp) async throws
    /// Records the outcome.
    /// - Throws: `conflict` when `claim` is no longer the export's.
    func complete(_ export: EventExport, claim: ExportClaim) async throws
    /// Part `sequence` of a finished export's file, or `nil` past the last.
    func part(exportID: UUID, sequence: Int) async throws -> Data?
    /// Deletes exports (and their files) completed before `date`; how many.
    func deleteExports(completedBefore date: Timestamp) async throws -> Int
}
