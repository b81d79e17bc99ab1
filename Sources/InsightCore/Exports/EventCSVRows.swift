/// The rows of an event export: one per event, with the columns of the API's `Event`, read from
/// the store in batches.
public struct EventCSVRows: ExportRowSource {
    private let store: any EventStore

    public init(store: any EventStore) {
        self.store = store
    }

    public var header: [String] {
        [
            "id", "class", "type", "created", "scan_code", "scan_duration", "scan_decode_symbology", "device_id", "device_battery",
            "device_firmware", "device_temperature", "gateway_id", "gateway_usecase", "gateway_station", "metrics_worker_steps",
        ]
    }

    public func rows(customerID: String, range: EventQuery, after: PageCursor?, limit: Int) async throws
        -> (rows: [[CSVExportEncoder.Cell]], next: PageCursor?) {
        let page = try await store.events(customerID: customerID, query: range, after: after, limit: limit)
        return (page.items.map(Self.row), page.next)
    }

    static func row(_ event: Event) -> [CSVExportEncoder.Cell] {
        func text(_ value: String?) -> CSVExportEncoder.Cell { value.map { .text($0) } ?? .empty }
        func number(_ value: (some CustomStringConvertible)?) -> CSVExportEncoder.Cell { value.map { .number($0.description) } ?? .empty }
        return [
            .text(event.id.lowercasedString), .text(event.eventClass.rawValue), .text(event.kind.rawValue), number(event.created.rawValue),
            text(event.scanCode), number(event.scanDuration), text(event.scanDecodeSymbology), text(event.deviceID), number(event.deviceBattery),
            text(event.deviceFirmware), number(event.deviceTemperature), .text(event.gatewayID.lowercasedString),
            text(event.gatewayUsecase), text(event.gatewayStation), number(event.metricsWorkerSteps),
        ]
    }
}
