import Foundation

/// A scanner, known from the events that name it (`device_id`) and kept current by its newest one.
public struct Device: Sendable, Equatable {
    /// Set by a user (`PUT /devices/{id}`); a device is `ACTIVE` when first seen.
    public enum Status: String, Sendable, CaseIterable {
        case active = "ACTIVE"
        case inactive = "INACTIVE"
    }

    /// The serial number.
    public let id: String
    public let customerID: String
    /// The `created` time of the first event the server received from it; later-arriving older
    /// events do not move it, so listings ordered by it stay stable.
    public let created: Timestamp
    /// The `created` time of its newest event.
    public var lastActivityTime: Timestamp
    /// When its status was last set (until then, `created`).
    public var lastUpdated: Timestamp
    /// From its newest event; kept when that event gives none.
    public var battery: Int?
    /// From its newest event; kept when that event gives none.
    public var firmware: String?
    public var model: String?
    public var manufacturer: String?
    public var status: Status

    public init(
        id: String, customerID: String, created: Timestamp, lastActivityTime: Timestamp, lastUpdated: Timestamp,
        battery: Int? = nil, firmware: String? = nil, model: String? = nil, manufacturer: String? = nil, status: Status = .active
    ) {
        self.id = id
        self.customerID = customerID
        self.created = created
        self.lastActivityTime = lastActivityTime
        self.lastUpdated = lastUpdated
        self.battery = battery
        self.firmware = firmware
        self.model = model
        self.manufacturer = manufacturer
        self.status = status
    }
}
