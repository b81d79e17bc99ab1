import InsightOpenAPI

/// A wire type whose JSON object `StreamingJSONEncoder` writes member by member, in key order,
/// instead of through `Codable`: the items of the large lists (`ItemPageBody`), where `Codable`'s
/// dispatch per member cost as much as reading the rows from the database.
///
/// A conformance writes exactly what its synthesized `encode(to:)` and Foundation's `JSONEncoder`
/// with `.sortedKeys` write: every member under its coding key, in byte order of the keys, an
/// absent optional left out. `DirectJSONObjectTests` checks this byte for byte on values with
/// every member set (it fails when the type gains one the conformance does not write) and with
/// every optional one absent.
protocol DirectJSONObject: Encodable {
    /// Writes the members, in byte order of their keys.
    func writeMembers(to object: inout JSONObjectWriter) throws
}

/// Writes the members of one `DirectJSONObject`.
struct JSONObjectWriter {
    private let writer: JSONByteWriter
    /// The depth of the container the object is an element of.
    private let depth: Int
    private var isFirst = true

    init(writer: JSONByteWriter, depth: Int) {
        self.writer = writer
        self.depth = depth
    }

    mutating func member(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        begin(key)
        writer.writeString(value)
    }

    mutating func member(_ key: StaticString, _ value: (some BinaryInteger)?) {
        guard let value else { return }
        begin(key)
        writer.writeInteger(value)
    }

    mutating func member(_ key: StaticString, _ value: Double?) throws {
        guard let value else { return }
        begin(key)
        try writer.writeNumber(value)
    }

    /// A string enum, as its raw value.
    mutating func member<Value: RawRepresentable>(_ key: StaticString, _ value: Value?) where Value.RawValue == String {
        member(key, value?.rawValue)
    }

    /// Any other value, through its own `encode(to:)`.
    mutating func member(_ key: StaticString, encoding value: (some Encodable)?) throws {
        guard let value else { return }
        begin(key)
        try writer.writeValue(value, depth: depth)
    }

    /// `"key":`, after a comma unless it is the first member. Keys are plain ASCII: nothing to escape.
    private mutating func begin(_ key: StaticString) {
        writer.writeLiteral(isFirst ? "\"" : ",\"")
        isFirst = false
        writer.writeLiteral(key)
        writer.writeLiteral("\":")
    }
}

extension JSONByteWriter {
    /// Writes `object` as the value of the place the caller just opened in the container at `depth`.
    func writeDirectObject(_ object: some DirectJSONObject, depth: Int) throws {
        writeLiteral("{")
        var members = JSONObjectWriter(writer: self, depth: depth)
        try object.writeMembers(to: &members)
        writeLiteral("}")
    }
}

extension Components.Schemas.Gateway: DirectJSONObject {
    func writeMembers(to object: inout JSONObjectWriter) throws {
        object.member("class", _class)
        object.member("connectivity_status", connectivityStatus)
        object.member("created", created)
        object.member("firmware", firmware)
        object.member("id", id)
        object.member("last_updated", lastUpdated)
        object.member("manufacturer", manufacturer)
        object.member("model", model)
        object.member("name", name)
        object.member("station", station)
        object.member("thing_name", thingName)
        object.member("type", _type)
        object.member("usecase", usecase)
    }
}

extension Components.Schemas.Event: DirectJSONObject {
    func writeMembers(to object: inout JSONObjectWriter) throws {
        object.member("class", _class)
        object.member("created", created)
        object.member("device_battery", deviceBattery)
        object.member("device_firmware", deviceFirmware)
        object.member("device_id", deviceId)
        try object.member("device_temperature", deviceTemperature)
        object.member("gateway_id", gatewayId)
        object.member("gateway_station", gatewayStation)
        object.member("gateway_usecase", gatewayUsecase)
        object.member("id", id)
        object.member("metrics_worker_steps", metricsWorkerSteps)
        object.member("scan_code", scanCode)
        object.member("scan_decode_symbology", scanDecodeSymbology)
        try object.member("scan_duration", scanDuration)
        object.member("type", _type)
    }
}

extension Components.Schemas.Device: DirectJSONObject {
    func writeMembers(to object: inout JSONObjectWriter) throws {
        object.member("battery", battery)
        object.member("class", _class)
        object.member("created", created)
        object.member("firmware", firmware)
        object.member("id", id)
        object.member("last_activity_time", lastActivityTime)
        object.member("last_updated", lastUpdated)
        object.member("manufacturer", manufacturer)
        object.member("model", model)
        object.member("status", status)
    }
}

extension Components.Schemas.User: DirectJSONObject {
    func writeMembers(to object: inout JSONObjectWriter) throws {
        try object.member("consent_general_terms", encoding: consentGeneralTerms)
        try object.member("consent_privacy_policy", encoding: consentPrivacyPolicy)
        object.member("created", created)
        object.member("email", email)
        object.member("first_name", firstName)
        object.member("id", id)
        object.member("language", language)
        object.member("last_name", lastName)
        object.member("last_updated", lastUpdated)
        try object.member("permissions", encoding: permissions)
        try object.member("roles", encoding: roles)
    }
}
