import Foundation
import InsightCore

/// A clock that stands still until a test moves it: for what is derived from "now" (a
/// gateway's connectivity status, default time ranges).
public final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Timestamp

    public init(_ start: Timestamp = Timestamp(Date())) {
        current = start
    }

    public func now() -> Timestamp { lock.withLock { current } }

    /// Moves the clock forward (or back, with a negative amount) by `millis`.
    public func advance(millis: Int64) {
        lock.withLock { current = Timestamp(rawValue: current.rawValue + millis) }
    }
}
