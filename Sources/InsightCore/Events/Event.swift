import Foundation

/// A scan event: what a scanner reported through a gateway, as stored and listed.
///
/// Events are immutable; their id is unique within their customer.
public struct Event: Sendable, Equatable {
    /// The resource class, as the seed enumerates it (events carry `event`).
    public enum Class: String, Sendable, CaseIterable {
        case device, event, gateway
        case jobConfig = "job_config"
        case deviceConfig = "device_config"
    }

    /// The kind of event; the seed knows scans only.
    public enum Kind: String, Sendable, CaseIterable { case scan }

    public let id: UUID
    public let customerID: String
    public let eventClass: Class
    public let kind: Kind
    /// When the scan happened (ms).
    public let created: Timestamp
    public let gatewayID: UUID
    public var scanCode: String?
    public var scanDuration: Double?
    public var scanDecodeSymbology: String?
    /// The scanner's serial number; events with one keep its device current.
    public var deviceID: String?
    public var deviceBattery: Int?
    public var deviceFirmware: String?
    public var deviceTemperature: Double?
    public var gatewayUsecase: String?
    public var gatewayStation: String?
    public var metricsWorkerSteps: Int?

    public init(
        id: UUID, customerID: String, eventClass: Class = .event, kind: Kind = .scan, created: Timestamp, gatewayID: UUID,
        scanCode: String? = nil, scanDuration: Double? = nil, scanDecodeSymbology: String? = nil,
        deviceID: String? = nil, deviceBattery: Int? = nil, deviceFirmware: String? = nil, deviceTemperature: Double? = nil,
        gatewayUsecase: String? = nil, gatewayStation: String? = nil, metricsWorkerSteps: Int? = nil
    ) {
        self.id = id
        self.customerID = customerID
        self.eventClass = eventClass
        self.kind = kind
        self.created = created
        self.gatewayID = gatewayID
        self.scanCode = scanCode
        self.scanDuration = scanDuration
        self.scanDecodeSymbology = scanDecodeSymbology
        self.deviceID = deviceID
        self.deviceBattery = deviceBattery
        self.deviceFirmware = deviceFirmware
        self.deviceTemperature = deviceTemperature
        self.gatewayUsecase = gatewayUsecase
        self.gatewayStation = gatewayStation
        self.metricsWorkerSteps = metricsWorkerSteps
    }

    /// Where a listing continues after this event.
    public var cursor: PageCursor { PageCursor(created: created, id: id) }
}
