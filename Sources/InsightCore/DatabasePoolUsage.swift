/// How busy one of the store's connection pools is now: what `GET /metrics` reports.
public struct DatabasePoolUsage: Sendable, Equatable {
    /// `write` (transactions and writes) or `read` (row reads).
    public let pool: String
    /// Connections lent out now.
    public let inUse: Int
    /// The most it lends out at once; more requests wait.
    public let capacity: Int

    public init(pool: String, inUse: Int, capacity: Int) {
        self.pool = pool
        self.inUse = inUse
        self.capacity = capacity
    }
}
