import Foundation

/// Who is calling: the verified content of an IdToken.
public struct Principal: Sendable, Equatable {
    public let userID: String
    public let customerID: String
    public let email: String?
    public let roles: Set<Role>

    public init(userID: String, customerID: String, email: String?, roles: Set<Role>) {
        self.userID = userID
        self.customerID = customerID
        self.email = email
        self.roles = roles
    }

    /// The union of the permissions of all roles held.
    public var permissions: Set<Permission> { Role.permissions(of: roles) }

    /// Succeeds only when the principal belongs to `customerID` and holds `permission`.
    ///
    /// - Throws: `InsightError.forbidden` otherwise. The message never says whether the other
    ///   customer exists.
    public func authorize(_ permission: Permission, in customerID: String) throws {
        guard customerID == self.customerID else {
            throw InsightError.forbidden("This IdToken does not grant access to customer '\(customerID)'.")
        }
        guard permissions.contains(permission) else {
            let held = roles.map(\.rawValue).sorted().joined(separator: ", ")
            throw InsightError.forbidden("The role(s) \(held) lack the permission '\(permission.rawValue)'.")
        }
    }
}
