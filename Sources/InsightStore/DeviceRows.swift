import Foundation
import InsightCore
import SQLKit

/// A `devices` row as written.
struct DeviceRow: Encodable, Sendable {
    var customer_id: String
    var id: String
    var created: Int64
    var last_activity_time: Int64
    var last_updated: Int64
    var battery: Int64?
    var firmware: String?
    var model: String?
    var manufacturer: String?
    var status: String

    /// The row of a device first seen in `events` (all of it, of one customer): created at the
    /// earliest, data from the newest (by `created`, then id).
    init(customerID: String, deviceID: String, events: [Event]) {
        let newest = events.max { ($0.created, $0.id.lowercasedString) < ($1.created, $1.id.lowercasedString) }
        let first = events.map(\.created).min()
        customer_id = customerID
        id = deviceID
        created = first?.rawValue ?? 0
        last_activity_time = newest?.created.rawValue ?? 0
        last_updated = created
        battery = newest?.deviceBattery.map(Int64.init)
        firmware = newest?.deviceFirmware
        status = Device.Status.active.rawValue
    }

    /// The columns `device(reading:)` reads, in its order.
    static let selectedColumns = [
        "customer_id", "id", "created", "last_activity_time", "last_updated", "battery", "firmware", "model", "manufacturer", "status",
    ].map { SQLIdentifier($0) }

    /// The device in a row that selected `selectedColumns`.
    static func device(reading row: inout RowColumns) throws -> Device {
        let customerID = try row.string()
        let id = try row.string()
        let created = try row.int64()
        let lastActivityTime = try row.int64()
        let lastUpdated = try row.int64()
        let battery = try row.optionalInt64()
        let firmware = try row.optionalString()
        let model = try row.optionalString()
        let manufacturer = try row.optionalString()
        guard let status = Device.Status(rawValue: try row.string()) else { throw InsightStoreError.corruptRow(table: "devices", id: id) }
        return Device(
            id: id, customerID: customerID, created: Timestamp(rawValue: created), lastActivityTime: Timestamp(rawValue: lastActivityTime),
            lastUpdated: Timestamp(rawValue: lastUpdated), battery: battery.map { Int($0) }, firmware: firmware, model: model,
            manufacturer: manufacturer, status: status
        )
    }
}
