import Foundation
import InsightCore
import SQLKit

/// An `events` row as written; column names are the coding keys.
struct EventRow: Encodable, Sendable {
    var customer_id: String
    var id: String
    var created: Int64
    var `class`: String
    var type: String
    var gateway_id: String
    var scan_code: String?
    var scan_duration: Double?
    var scan_decode_symbology: String?
    var device_id: String?
    var device_battery: Int64?
    var device_firmware: String?
    var device_temperature: Double?
    var gateway_usecase: String?
    var gateway_station: String?
    var metrics_worker_steps: Int64?

    /// How many values one row binds; `insertEvents` keeps each statement under the engines' limits.
    static let columnCount = 16

    init(_ event: Event) {
        customer_id = event.customerID
        id = event.id.lowercasedString
        created = event.created.rawValue
        `class` = event.eventClass.rawValue
        type = event.kind.rawValue
        gateway_id = event.gatewayID.lowercasedString
        scan_code = event.scanCode
        scan_duration = event.scanDuration
        scan_decode_symbology = event.scanDecodeSymbology
        device_id = event.deviceID
        device_battery = event.deviceBattery.map(Int64.init)
        device_firmware = event.deviceFirmware
        device_temperature = event.deviceTemperature
        gateway_usecase = event.gatewayUsecase
        gateway_station = event.gatewayStation
        metrics_worker_steps = event.metricsWorkerSteps.map(Int64.init)
    }

    /// The columns `event(reading:)` reads, in its order.
    static let selectedColumns = [
        "customer_id", "id", "created", "class", "type", "gateway_id", "scan_code", "scan_duration", "scan_decode_symbology",
        "device_id", "device_battery", "device_firmware", "device_temperature", "gateway_usecase", "gateway_station",
        "metrics_worker_steps",
    ].map { SQLIdentifier($0) }

    /// The event in a row that selected `selectedColumns`.
    static func event(reading row: inout RowColumns) throws -> Event {
        let customerID = try row.string()
        let id = try row.string()
        let created = try row.int64()
        let eventClass = try row.string()
        let kind = try row.string()
        let gatewayID = try row.string()
        guard let uuid = UUID(text: id), let gatewayUUID = UUID(text: gatewayID),
              let eventClass = Event.Class(rawValue: eventClass), let kind = Event.Kind(rawValue: kind)
        else { throw InsightStoreError.corruptRow(table: "events", id: id) }
        return Event(
            id: uuid, customerID: customerID, eventClass: eventClass, kind: kind, created: Timestamp(rawValue: created),
            gatewayID: gatewayUUID, scanCode: try row.optionalString(), scanDuration: try row.optionalDouble(),
            scanDecodeSymbology: try row.optionalString(), deviceID: try row.optionalString(),
            deviceBattery: try row.optionalInt64().map { Int($0) }, deviceFirmware: try row.optionalString(),
            deviceTemperature: try row.optionalDouble(), gatewayUsecase: try row.optionalString(),
            gatewayStation: try row.optionalString(), metricsWorkerSteps: try row.optionalInt64().map { Int($0) }
        )
    }
}
