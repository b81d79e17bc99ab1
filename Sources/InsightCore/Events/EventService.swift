import Foundation

/// The event use cases of the API: the listing.
public struct EventService: Sendable {
    private let store: any EventStore
    private let clock: any Clock

    public init(store: any EventStore, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// One page of the customer's events in `query`'s range, in (`created`, `id`) order.
    ///
    /// With a gateway the listing pages too (the seed says it would not): one gateway may hold
    /// more events than any one answer should.
    public func list(_ principal: Principal, customerID: String, query: EventQuery, page: PageRequest) async throws -> Page<Event> {
        try principal.authorize(.eventsRead, in: customerID)
        return try await store.events(customerID: customerID, query: query, after: page.after, limit: page.limit)
    }

    /// The query of a listing request; `end` defaults to now (see `EventQuery`).
    public func query(startMillis: Int64?, endMillis: Int64?, gatewayID: String?) throws -> EventQuery {
        try EventQuery(startMillis: startMillis, endMillis: endMillis, gatewayID: gatewayID, now: clock.now())
    }
}
