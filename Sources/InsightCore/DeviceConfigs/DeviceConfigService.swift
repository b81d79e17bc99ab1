import Foundation

/// The device-config use cases of the API: store (create or replace), list, read and delete files.
///
/// Every method checks that the principal may act in `customerID` before it touches the store.
public struct DeviceConfigService: Sendable {
    /// The largest file accepted: 10 MiB (the HTTP layer refuses larger bodies before they are read).
    public static let maximumFileSize = 10 << 20
    /// The longest id a client may choose.
    public static let maximumIDLength = 128

    private let store: any DeviceConfigStore
    private let clock: any Clock

    public init(store: any DeviceConfigStore, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// Stores `data` as the file `id` named `fileName`, replacing an earlier one of that id (whose
    /// `created` is kept).
    ///
    /// - Throws: `badRequest` for a missing or bad `File-Name` or id; `payloadTooLarge` above
    ///   `maximumFileSize`.
    public func put(_ principal: Principal, customerID: String, id: String, fileName: String?, data: Data) async throws -> DeviceConfigMetadata {
        try principal.authorize(.deviceConfigsWrite, in: customerID)
        try Self.checkID(id)
        guard let fileName else { throw InsightError.badRequest("The File-Name header is missing: it names the device config file.") }
        if let problem = TextFieldRule.problem(in: fileName, field: "File-Name") { throw InsightError.badRequest(problem) }
        guard fileName.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
            throw InsightError.badRequest("File-Name must be printable ASCII: an HTTP header carries ASCII.")
        }
        guard data.count <= Self.maximumFileSize else {
            throw InsightError.payloadTooLarge("The device config file has \(data.count) bytes; at most \(Self.maximumFileSize) (10 MiB) are accepted.")
        }
        let now = clock.now()
        let metadata = DeviceConfigMetadata(id: id, customerID: customerID, fileName: fileName, fileSize: data.count, created: now, lastModified: now)
        return try await store.put(DeviceConfig(metadata: metadata, data: data))
    }

    /// The metadata of every device config of the customer, by id.
    public func list(_ principal: Principal, customerID: String) async throws -> [DeviceConfigMetadata] {
        try principal.authorize(.deviceConfigsRead, in: customerID)
        return try await store.deviceConfigs(customerID: customerID)
    }

    /// - Throws: `notFound` for an id of no device config of the customer.
    public func get(_ principal: Principal, customerID: String, id: String) async throws -> DeviceConfig {
        try principal.authorize(.deviceConfigsRead, in: customerID)
        guard let config = try await store.deviceConfig(id: id, customerID: customerID) else { throw Self.notFound(id) }
        return config
    }

    /// - Throws: `notFound` for an id of no device config of the customer (so a second delete is 404).
    public func delete(_ principal: Principal, customerID: String, id: String) async throws {
        try principal.authorize(.deviceConfigsWrite, in: customerID)
        guard try await store.deleteDeviceConfig(id: id, customerID: customerID) else { throw Self.notFound(id) }
    }

    private static func checkID(_ id: String) throws {
        if let problem = TextFieldRule.problem(in: id, field: "device_config_id", maximumLength: maximumIDLength) { throw InsightError.badRequest(problem) }
    }

    private static func notFound(_ id: String) -> InsightError {
        InsightError.notFound("There is no device config '\(id.prefix(64))' in this customer.")
    }
}
