import Foundation
import InsightCore

/// An `events` row; column names are the coding keys.
struct EventRow: Codable, Sendable {
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
        id = event.id.uuidString.lowercased()
        created = event.created.rawValue
        `class` = event.eventClass.rawValue
        type = event.kind.rawValue
        gateway_id = event.gatewayID.uuidString.lowercased()
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

    func event() throws -> Event {
        guard let uuid = UUID(uuidString: id), let gatewayID = UUID(uuidString: gateway_id),
              let eventClass = Event.Class(rawValue: `class`), let kind = Event.Kind(rawValue: type)
        else { throw InsightStoreError.corruptRow(table: "events", id: id) }
        return Event(
            id: uuid, customerID: customer_id, eventClass: eventClass, kind: kind, created: Timestamp(rawValue: created),
            gatewayID: gatewayID, scanCode: scan_code, scanDuration: scan_duration, scanDecodeSymbology: scan_decode_symbology,
            deviceID: device_id, deviceBattery: device_battery.map { Int($0) }, deviceFirmware: device_firmware,
            deviceTemperature: device_temperature, gatewayUsecase: gateway_usecase, gatewayStation: gateway_station,
            metricsWorkerSteps: metrics_worker_steps.map { Int($0) }
        )
    }
}
