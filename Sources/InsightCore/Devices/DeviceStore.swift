import Foundation

/// Persistence of devices; `EventStore.insertEvents` adds and updates them.
public protocol DeviceStore: Sendable {
    /// One page of the customer's devices in (`created`, `id`) order.
    func devices(customerID: String, page: PageRequest) async throws -> Page<Device>

    /// The device with serial number `id` in `customerID`, or `nil`.
    func device(id: String, customerID: String) async throws -> Device?

    /// Sets the device's status and `lastUpdated` to `now`, and returns it as stored, or `nil`
    /// when the customer has no such device.
    func setStatus(_ status: Device.Status, deviceID: String, customerID: String, at now: Timestamp) async throws -> Device?
}
