import Foundation
import InsightCore
import SQLKit

/// A `users` row; roles are stored comma-separated, and `email_key` is `EmailAddress.key(email)`,
/// unique per customer.
struct UserRow: Encodable, Sendable {
    var id: String
    var customer_id: String
    var email: String
    var email_key: String
    var first_name: String?
    var last_name: String?
    var language: String?
    var roles: String
    var created: Int64
    var last_updated: Int64

    init(_ user: User) {
        id = user.id
        customer_id = user.customerID
        email = user.email
        email_key = EmailAddress.key(user.email)
        first_name = user.firstName
        last_name = user.lastName
        language = user.language
        roles = user.roles.map(\.rawValue).sorted().joined(separator: ",")
        created = user.created.rawValue
        last_updated = user.lastUpdated.rawValue
    }

    /// The columns `user(reading:)` reads, in its order.
    static let selectedColumns = [
        "id", "customer_id", "email", "first_name", "last_name", "language", "roles", "created", "last_updated",
    ].map { SQLIdentifier($0) }

    /// The user in a row that selected `selectedColumns`.
    static func user(reading row: inout RowColumns) throws -> User {
        let id = try row.string()
        let customerID = try row.string()
        let email = try row.string()
        let firstName = try row.optionalString()
        let lastName = try row.optionalString()
        let language = try row.optionalString()
        let roles = try row.string().split(separator: ",").map { Role(rawValue: String($0)) }
        guard !roles.contains(nil) else { throw InsightStoreError.corruptRow(table: "users", id: id) }
        return User(
            id: id, customerID: customerID, email: email, firstName: firstName, lastName: lastName, language: language,
            roles: Set(roles.compactMap { $0 }), created: Timestamp(rawValue: try row.int64()), lastUpdated: Timestamp(rawValue: try row.int64())
        )
    }
}

/// A `consents` row; (`user_id`, `type`, `version`) is its key.
struct ConsentRow: Codable, Sendable {
    var customer_id: String
    var user_id: String
    var type: String
    var version: String
    var agreed_on: Int64

    init(_ consent: Consent) {
        customer_id = consent.customerID
        user_id = consent.userID
        type = consent.type.rawValue
        version = consent.version
        agreed_on = consent.agreedOn.rawValue
    }

    func consent() throws -> Consent {
        guard let type = ConsentType(rawValue: type) else { throw InsightStoreError.corruptRow(table: "consents", id: "\(user_id) \(type) \(version)") }
        return Consent(customerID: customer_id, userID: user_id, type: type, version: version, agreedOn: Timestamp(rawValue: agreed_on))
    }
}

/// Migration 5 found two users of one customer whose emails differ only in case, which the
/// case-insensitive uniqueness it introduces cannot hold.
struct EmailsDifferingInCaseError: Error, CustomStringConvertible {
    let customerID: String
    let emails: [String]

    var description: String {
        "Users of customer '\(customerID)' have the emails \(emails.map { "'\($0)'" }.joined(separator: " and ")), which differ only in case; delete one of them, then start again."
    }
}
