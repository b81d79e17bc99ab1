import InsightCore
import InsightOpenAPI

extension Components.Schemas.Device {
    /// The API shape of a device.
    public init(_ device: Device) {
        self.init(
            id: device.id, _class: .device, created: device.created.rawValue, lastActivityTime: device.lastActivityTime.rawValue,
            lastUpdated: device.lastUpdated.rawValue, battery: device.battery, firmware: device.firmware, model: device.model,
            manufacturer: device.manufacturer, status: .init(device.status)
        )
    }
}

extension Device.Status {
    /// The core status of the API's.
    public init(_ status: Components.Schemas.DeviceStatus) {
        switch status {
        case .active: self = .active
        case .inactive: self = .inactive
        }
    }
}

extension Components.Schemas.DeviceStatus {
    /// The API's status of the core's.
    public init(_ status: Device.Status) {
        switch status {
        case .active: self = .active
        case .inactive: self = .inactive
        }
    }
}
