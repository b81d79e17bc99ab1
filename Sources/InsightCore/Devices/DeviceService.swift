import Foundation

/// The device (scanner) use cases of the API: list and set the status.
public struct DeviceService: Sendable {
    private let store: any DeviceStore
    private let clock: any Clock

    public init(store: any DeviceStore, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    public func list(_ principal: Principal, customerID: String, page: PageRequest) async throws -> Page<Device> {
        try principal.authorize(.devicesRead, in: customerID)
        return try await store.devices(customerID: customerID, page: page)
    }

    /// - Throws: `notFound` when the customer has no device `deviceID`.
    public func setStatus(_ principal: Principal, customerID: String, deviceID: String, status: Device.Status) async throws -> Device {
        try principal.authorize(.devicesWrite, in: customerID)
        guard let device = try await store.setStatus(status, deviceID: deviceID, customerID: customerID, at: clock.now()) else {
            throw InsightError.notFound("There is no device '\(deviceID.prefix(64))' in this customer.")
        }
        return device
    }
}
