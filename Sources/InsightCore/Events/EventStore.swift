import Foundation

/// Persistence of events, and of the facts they keep current: devices and gateways' last message.
///
/// Implementations must be safe to call concurrently.
public protocol EventStore: Sendable {
    /// Stores those of `events` whose id is not stored yet in their customer, and in the same
    /// transaction brings their devices and gateways up to date:
    /// - each device (by `deviceID`) takes battery and firmware from its newest event (by
    ///   `created`; a field that event lacks keeps its value); an event older than the stored
    ///   newest changes nothing; a new device is `ACTIVE`, with `created` and `lastUpdated` the
    ///   earliest `created` among the events that add it;
    /// - each gateway's `lastMessageAt` becomes its newest event's `created`, never later than
    ///   `now` and never earlier than it was.
    ///
    /// - Precondition: all events belong to one customer and their ids are distinct; their
    ///   gateways exist in that customer.
    /// - Returns: the ids of the events stored now (the others were stored before).
    func insertEvents(_ events: [Event], at now: Timestamp) async throws -> Set<UUID>

    /// Up to `limit` events of `customerID` matching `query`, in (`created`, `id`) order, after
    /// `cursor` (from the first when `nil`); `next` is set when more follow. `limit` may exceed
    /// the API's 500 (exports read in larger batches).
    func events(customerID: String, query: EventQuery, after cursor: PageCursor?, limit: Int) async throws -> Page<Event>

    /// Up to `limit` scans of `gatewayID` (in `customerID`) from `range`, in (`created`, `id`)
    /// order after `cursor`, whose code begins with one of `codePrefixes` (compared code point by
    /// code point, as `JobAnalyzer` does); the other scans are left in the database. `next` is set
    /// when more follow.
    func scans(
        customerID: String, gatewayID: UUID, in range: ClosedRange<Timestamp>, codePrefixes: [String],
        after cursor: PageCursor?, limit: Int
    ) async throws -> Page<JobAnalyzer.Scan>
}

extension EventStore {
    /// Calls `body` with every event of `customerID` matching `query`, in (`created`, `id`)
    /// order, in batches of at most `batchSize` (see `Page.forEach`). Events that arrive meanwhile
    /// with a later (`created`, `id`) than the batch read last are included.
    public func forEachEventBatch(
        customerID: String, query: EventQuery, batchSize: Int = 5000, _ body: ([Event]) async throws -> Void
    ) async throws {
        try await Page.forEach({ try await events(customerID: customerID, query: query, after: $0, limit: batchSize) }, body)
    }
}
