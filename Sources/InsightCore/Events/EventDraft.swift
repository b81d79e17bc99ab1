import Foundation

/// An incoming event as a gateway sends it (the seed's event shape, JSON with snake_case keys),
/// before it is checked. Unknown keys are ignored.
struct EventDraft: Decodable {
    var id: String?
    var `class`: String?
    var type: String?
    /// Milliseconds, or seconds when below `EventDraft.secondsLimit`; fractions are dropped.
    var created: Double?
    var scan_code: String?
    var scan_duration: Double?
    var scan_decode_symbology: String?
    var device_id: String?
    var device_battery: Int?
    var device_firmware: String?
    var device_temperature: Double?
    var gateway_id: String?
    var gateway_usecase: String?
    var gateway_station: String?
    var metrics_worker_steps: Int?

    /// An incoming `created` below 10^11 is in seconds (10^11 ms is March 1973; 10^11 s is the
    /// year 5138).
    static let secondsLimit = 1e11
    /// The latest `created` accepted: the end of the year 9999, in ms.
    static let latestMillis = 253_402_300_799_999.0

    /// Decodes one JSON document with `decoder` (one serves a whole batch).
    ///
    /// - Throws: `badRequest` naming the field that has the wrong type, or saying why the
    ///   document is not a JSON object.
    static func decode(_ json: Data, with decoder: JSONDecoder) throws -> EventDraft {
        do {
            return try decoder.decode(EventDraft.self, from: json)
        } catch let error as DecodingError {
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
                let field = context.codingPath.last?.stringValue
                throw InsightError.badRequest(field.map { "\($0) has the wrong type." } ?? "The event is not a JSON object.")
            case .dataCorrupted(let context):
                let field = context.codingPath.last?.stringValue
                throw InsightError.badRequest(field.map { "\($0) is not valid." } ?? "The event is not valid JSON.")
            @unknown default:
                throw InsightError.badRequest("The event is not valid JSON.")
            }
        }
    }

    /// The event this draft describes in `customerID`, its gateway still to be checked.
    ///
    /// - Throws: `badRequest` naming the first field that is missing or invalid.
    func event(customerID: String) throws -> Event {
        let id = try Self.uuid(required(id, "id"), field: "id")
        guard let eventClass = Event.Class(rawValue: try required(self.class, "class")) else {
            throw Self.notOneOf("class", self.class ?? "", Event.Class.allCases.map(\.rawValue))
        }
        guard let kind = Event.Kind(rawValue: try required(type, "type")) else {
            throw Self.notOneOf("type", type ?? "", Event.Kind.allCases.map(\.rawValue))
        }
        let created = try required(created, "created")
        guard created.isFinite, created >= 0 else { throw InsightError.badRequest("created must be a time since the epoch, not \(created).") }
        let millis = created < Self.secondsLimit ? created * 1000 : created
        guard millis <= Self.latestMillis else { throw InsightError.badRequest("created (\(created)) lies beyond the year 9999.") }
        let gatewayID = try Self.uuid(required(gateway_id, "gateway_id"), field: "gateway_id")
        for (field, value) in [
            ("scan_code", scan_code), ("scan_decode_symbology", scan_decode_symbology), ("device_id", device_id),
            ("device_firmware", device_firmware), ("gateway_usecase", gateway_usecase), ("gateway_station", gateway_station),
        ] {
            if let value, let problem = TextFieldRule.problem(in: value, field: field) { throw InsightError.badRequest(problem) }
        }
        if let device_battery, !(0...100).contains(device_battery) {
            throw InsightError.badRequest("device_battery must be a percentage from 0 to 100, not \(device_battery).")
        }
        if let scan_duration, !(scan_duration.isFinite && scan_duration >= 0) {
            throw InsightError.badRequest("scan_duration must not be negative.")
        }
        if let metrics_worker_steps, metrics_worker_steps < 0 {
            throw InsightError.badRequest("metrics_worker_steps must not be negative.")
        }
        return Event(
            id: id, customerID: customerID, eventClass: eventClass, kind: kind, created: Timestamp(rawValue: Int64(millis.rounded(.down))),
            gatewayID: gatewayID, scanCode: scan_code, scanDuration: scan_duration, scanDecodeSymbology: scan_decode_symbology,
            deviceID: device_id, deviceBattery: device_battery, deviceFirmware: device_firmware, deviceTemperature: device_temperature,
            gatewayUsecase: gateway_usecase, gatewayStation: gateway_station, metricsWorkerSteps: metrics_worker_steps
        )
    }

    private func required<Value>(_ value: Value?, _ field: String) throws -> Value {
        guard let value else { throw InsightError.badRequest("\(field) is missing.") }
        return value
    }

    private static func uuid(_ text: String, field: String) throws -> UUID {
        guard let id = UUID(text: text) else { throw InsightError.badRequest("\(field) '\(text.prefix(64))' is not a UUID.") }
        return id
    }

    private static func notOneOf(_ field: String, _ value: String, _ allowed: [String]) -> InsightError {
        InsightError.badRequest("\(field) '\(value.prefix(64))' is not one of \(allowed.joined(separator: ", ")).")
    }
}
