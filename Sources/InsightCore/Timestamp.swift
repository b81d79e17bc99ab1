import Foundation

/// A point in time as the API shows it: whole milliseconds since the Unix epoch.
public struct Timestamp: RawRepresentable, Hashable, Comparable, Sendable, Codable {
    public let rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }

    public init(_ date: Date) { self.rawValue = Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    public var date: Date { Date(timeIntervalSince1970: Double(rawValue) / 1000) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The source of "now" for use cases, replaceable in tests.
public protocol Clock: Sendable {
    func now() -> Timestamp
}

/// The wall clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Timestamp { Timestamp(Date()) }
}
