/// A role a user holds within their customer, as the seed names them.
public enum Role: String, CaseIterable, Sendable, Codable {
    /// May do everything within the customer.
    case admin = "ADMIN_ROLE"
    /// May read, but not create, change or delete gateways, users, job configs, devices or device configs.
    case user = "USER_ROLE"

    public var description: String {
        switch self {
        case .admin: "Administrator: reads and changes everything within the customer."
        case .user: "User: reads everything within the customer, changes nothing but their own consents."
        }
    }

    /// The permissions this role grants.
    public var permissions: Set<Permission> {
        switch self {
        case .admin: Set(Permission.allCases)
        case .user: Set(Permission.allCases.filter { !$0.isWrite })
        }
    }
}

/// One thing a principal may do within their customer.
public enum Permission: String, CaseIterable, Sendable, Codable {
    case gatewaysRead = "gateways.read"
    case gatewaysWrite = "gateways.write"
    case provisioningWrite = "provisioning.write"
    case eventsRead = "events.read"
    case jobConfigsRead = "job_configs.read"
    case jobConfigsWrite = "job_configs.write"
    case usersRead = "users.read"
    case usersWrite = "users.write"
    case devicesRead = "devices.read"
    case devicesWrite = "devices.write"
    case deviceConfigsRead = "device_configs.read"
    case deviceConfigsWrite = "device_configs.write"

    /// Whether this permission creates, changes or deletes something.
    public var isWrite: Bool { rawValue.hasSuffix(".write") }
}
