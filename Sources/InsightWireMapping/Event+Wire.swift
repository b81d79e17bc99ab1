import InsightCore
import InsightOpenAPI

extension Components.Schemas.Event {
    /// The API shape of a stored event.
    public init(_ event: Event) {
        self.init(
            id: event.id.lowercasedString, _class: .init(rawValue: event.eventClass.rawValue) ?? .event,
            _type: .init(rawValue: event.kind.rawValue) ?? .scan, created: event.created.rawValue,
            scanCode: event.scanCode, scanDuration: event.scanDuration, scanDecodeSymbology: event.scanDecodeSymbology,
            deviceId: event.deviceID, deviceBattery: event.deviceBattery, deviceFirmware: event.deviceFirmware,
            deviceTemperature: event.deviceTemperature, gatewayId: event.gatewayID.lowercasedString,
            gatewayUsecase: event.gatewayUsecase, gatewayStation: event.gatewayStation, metricsWorkerSteps: event.metricsWorkerSteps
        )
    }
}
