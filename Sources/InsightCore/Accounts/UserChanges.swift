/// What a caller gives to create a user.
public struct UserDraft: Sendable, Equatable {
    public var firstName: String
    public var lastName: String
    public var role: Role
    public var email: String

    public init(firstName: String, lastName: String, role: Role, email: String) {
        self.firstName = firstName
        self.lastName = lastName
        self.role = role
        self.email = email
    }
}

/// A partial update of a user: `nil` leaves a field as it is.
public struct UserPatch: Sendable, Equatable {
    public var firstName: String?
    public var lastName: String?
    public var language: String?
    /// Replaces the user's roles with this one.
    public var role: Role?

    public init(firstName: String? = nil, lastName: String? = nil, language: String? = nil, role: Role? = nil) {
        self.firstName = firstName
        self.lastName = lastName
        self.language = language
        self.role = role
    }

    /// Which fields the patch sets, and the new role: what the audit trail says of it.
    public var auditSummary: String {
        let fields = [("first_name", firstName), ("last_name", lastName), ("language", language)].compactMap { $0.1 == nil ? nil : $0.0 }
        return (fields + (role.map { ["role \($0.rawValue)"] } ?? [])).joined(separator: ", ")
    }

    /// Whether the patch changes anything beyond the user's own names and language.
    var changesRole: Bool { role != nil }
}
