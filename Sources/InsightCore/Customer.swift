import Foundation

/// A tenant: every gateway, user and event belongs to exactly one customer.
public struct Customer: Sendable, Equatable {
    public let id: String
    public var name: String
    public let created: Timestamp

    public init(id: String, name: String, created: Timestamp) {
        self.id = id
        self.name = name
        self.created = created
    }
}

/// A person who logs into the platform on behalf of a customer.
public struct User: Sendable, Equatable {
    public let id: String
    public let customerID: String
    public var email: String
    public var firstName: String?
    public var lastName: String?
    public var language: String?
    public var roles: Set<Role>
    public let created: Timestamp
    public var lastUpdated: Timestamp

    public init(
        id: String, customerID: String, email: String, firstName: String? = nil, lastName: String? = nil,
        language: String? = nil, roles: Set<Role>, created: Timestamp, lastUpdated: Timestamp
    ) {
        self.id = id
        self.customerID = customerID
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.language = language
        self.roles = roles
        self.created = created
        self.lastUpdated = lastUpdated
    }
}
