/// A role a user holds within their customer, as the seed names them.
public enum Role: String, CaseIterable, Sendable, Codable {
    /// May do everything within the customer.
    case admin = "ADMIN_ROLE"
    /// May read everything within the customer, and change only their own names, language and consents.
    case user = "USER_ROLE"

    public var description: String {
        switch self {
        case .admin: "Administrator: reads and changes everything within the customer."
        case .user: "User: reads everything within the customer; changes only their own names, language and consents."
        }
    }

    /// The permissions this role grants.
    public var permissions: Set<Permission> {
        switch self {
        case .admin: Set(Permission.allCases)
        case .user: Set(Permission.allCases.filter { !$0.isAdministrative || $0 == .meWrite })
        }
    }

    /// The union of the permissions of `roles`.
    public static func permissions(of roles: Set<Role>) -> Set<Permission> {
        roles.reduce(into: []) { $0.formUnion($1.permissions) }
    }
}

/// One thing a principal may do within their customer: `<resource>.read` or `<resource>.write`,
/// where `write` covers create, change and delete. This is the one vocabulary of the API (roles,
/// users, `/me`, error messages); the seed's examples `gateways.create` and `event.read` are read
/// as `gateways.write` and `events.read`.
public enum Permission: String, CaseIterable, Sendable, Codable {
    case gatewaysRead = "gateways.read"
    case gatewaysWrite = "gateways.write"
    case provisioningWrite = "provisioning.write"
    case eventsRead = "events.read"
    case jobConfigsRead = "job_configs.read"
    case jobConfigsWrite = "job_configs.write"
    case usersRead = "users.read"
    case usersWrite = "users.write"
    case rolesRead = "roles.read"
    /// The caller's own user (`/me`) and consents.
    case meRead = "me.read"
    /// The caller's own names, language and consents (not their role).
    case meWrite = "me.write"
    case devicesRead = "devices.read"
    case devicesWrite = "devices.write"
    case deviceConfigsRead = "device_configs.read"
    case deviceConfigsWrite = "device_configs.write"
    /// The audit trail (`GET /{customer_id}/audit-events`): who did what, from where.
    case auditRead = "audit.read"

    /// Whether this permission creates, changes or deletes something.
    public var isWrite: Bool { rawValue.hasSuffix(".write") }

    /// Whether only administrators hold it: every write, and reading the audit trail.
    public var isAdministrative: Bool { isWrite || self == .auditRead }
}
