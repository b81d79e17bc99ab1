import Foundation

/// Which events a listing or an export reads: those of one customer whose `created` lies in
/// `start...end` (both inclusive), of one gateway when `gatewayID` is given.
public struct EventQuery: Sendable, Equatable {
    /// The default range: the 24 hours before now.
    public static let defaultRangeMillis: Int64 = 24 * 60 * 60 * 1000

    public let start: Timestamp
    public let end: Timestamp
    public let gatewayID: UUID?

    public init(start: Timestamp, end: Timestamp, gatewayID: UUID? = nil) {
        self.start = start
        self.end = end
        self.gatewayID = gatewayID
    }

    /// The query of an API request: `end` defaults to `now`, `start` to 24 hours before `end`.
    ///
    /// - Throws: `badRequest` when `start` is after `end`, or `gatewayID` is not a UUID.
    public init(startMillis: Int64?, endMillis: Int64?, gatewayID: String?, now: Timestamp) throws {
        let end = Timestamp(rawValue: endMillis ?? now.rawValue)
        let (dayBefore, overflow) = end.rawValue.subtractingReportingOverflow(Self.defaultRangeMillis)
        let start = Timestamp(rawValue: startMillis ?? (overflow ? .min : dayBefore))
        guard start <= end else {
            throw InsightError.badRequest("end_time_millis (\(end.rawValue)) is before start_time_millis (\(start.rawValue)).")
        }
        var gateway: UUID?
        if let gatewayID {
            guard let id = UUID(text: gatewayID) else {
                throw InsightError.badRequest("gateway_id '\(gatewayID.prefix(64))' is not a gateway id (a UUID).")
            }
            gateway = id
        }
        self.init(start: start, end: end, gatewayID: gateway)
    }
}
