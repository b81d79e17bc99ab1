import Foundation
import InsightCore

/// A `devices` row.
struct DeviceRow: Codable, Sendable {
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

    func device() throws -> Device {
        guard let status = Device.Status(rawValue: status) else { throw InsightStoreError.corruptRow(table: "devices", id: id) }
        return Device(
            id: id, customerID: customer_id, created: Timestamp(rawValue: created),
            lastActivityTime: Timestamp(rawValue: last_activity_time), lastUpdated: Timestamp(rawValue: last_updated),
            battery: battery.map { Int($0) }, firmware: firmware, model: model, manufacturer: manufacturer, status: status
        )
    }
}
