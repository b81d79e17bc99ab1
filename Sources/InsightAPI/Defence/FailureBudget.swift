import Foundation

/// How many refused credentials (IdTokens, provisioning tokens, download signatures) one client
/// address may present: a token bucket of `burst` failures that refills at `refillPerSecond`.
/// A client whose bucket is empty is refused until it holds a failure again, and told when.
///
/// Only failures spend the budget, so that 2,000 gateways redeeming through one NAT address
/// are never slowed; a guesser gets `burst` tries, then `refillPerSecond` a second.
///
/// The buckets live in this process: each instance of a cluster keeps its own.
public final class FailureBudget: @unchecked Sendable {
    /// The limits; `.standard` unless a caller chooses others.
    public struct Limits: Sendable {
        public var burst: Double
        public var refillPerSecond: Double

        public init(burst: Double, refillPerSecond: Double) {
            self.burst = burst
            self.refillPerSecond = refillPerSecond
        }

        /// 30 failures at once, then one a second: a person who mistypes is never stopped, and
        /// a guesser is slowed from hundreds a second to one.
        public static let standard = Limits(burst: 30, refillPerSecond: 1)
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    /// The number of addresses beyond which full buckets are forgotten (they hold nothing).
    private static let pruneThreshold = 10_000

    public let limits: Limits
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var buckets: [String: Bucket] = [:]

    public init(limits: Limits = .standard) {
        self.limits = limits
    }

    /// The seconds until `client` may present a credential again: nil while its budget holds one.
    public func wait(for client: String, now: ContinuousClock.Instant = .now) -> Int? {
        lock.withLock {
            guard let bucket = buckets[client].map({ refilled($0, now: now) }), bucket.tokens < 1 else { return nil }
            return max(1, Int(((1 - bucket.tokens) / limits.refillPerSecond).rounded(.up)))
        }
    }

    /// Spends one failure of `client`'s budget. Returns true when this emptied it (the moment to
    /// log that the client is being refused).
    @discardableResult
    public func recordFailure(of client: String, now: ContinuousClock.Instant = .now) -> Bool {
        lock.withLock {
            if buckets.count > Self.pruneThreshold { prune(now: now) }
            var bucket = buckets[client].map { refilled($0, now: now) } ?? Bucket(tokens: limits.burst, updated: now)
            let hadOne = bucket.tokens >= 1
            bucket.tokens = max(0, bucket.tokens - 1)
            buckets[client] = bucket
            return hadOne && bucket.tokens < 1
        }
    }

    private func refilled(_ bucket: Bucket, now: ContinuousClock.Instant) -> Bucket {
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Bucket(tokens: min(limits.burst, bucket.tokens + seconds * limits.refillPerSecond), updated: now)
    }

    private func prune(now: ContinuousClock.Instant) {
        buckets = buckets.filter { refilled($0.value, now: now).tokens < limits.burst }
    }
}
