import InsightCore
import NIOConcurrencyHelpers

/// Counts the connections of one pool lent out now, for `DatabasePoolUsage`.
final class LeaseCounter: Sendable {
    let pool: String
    let capacity: Int
    private let inUse = NIOLockedValueBox(0)

    init(pool: String, capacity: Int) {
        self.pool = pool
        self.capacity = capacity
    }

    /// Runs `body` counted as one lease.
    func counting<Result>(_ body: () async throws -> Result) async rethrows -> Result {
        inUse.withLockedValue { $0 += 1 }
        defer { inUse.withLockedValue { $0 -= 1 } }
        return try await body()
    }

    /// Runs `body` (on a thread of its own) counted as one lease.
    func counting<Result>(_ body: () throws -> Result) rethrows -> Result {
        inUse.withLockedValue { $0 += 1 }
        defer { inUse.withLockedValue { $0 -= 1 } }
        return try body()
    }

    var usage: DatabasePoolUsage { DatabasePoolUsage(pool: pool, inUse: inUse.withLockedValue { $0 }, capacity: capacity) }
}
