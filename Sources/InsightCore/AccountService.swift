import Foundation

/// Customers and the users who act for them, as far as issuing IdTokens needs them.
public struct AccountService: Sendable {
    /// Which customer to act in: a new one, or an existing one by id.
    public enum CustomerChoice: Sendable, Equatable {
        case new
        case existing(String)
    }

    private let customers: any CustomerStore
    private let users: any UserStore
    private let clock: any Clock

    public init(customers: any CustomerStore, users: any UserStore, clock: any Clock = SystemClock()) {
        self.customers = customers
        self.users = users
        self.clock = clock
    }

    /// The user with `email` (in any case) in the chosen customer, created with `role` when
    /// missing (and the customer too, for `.new`). This is how a customer's first administrator
    /// comes to exist (`insight token`).
    ///
    /// - Throws: `badRequest` for an invalid email (see `EmailAddress`); `notFound` for an unknown
    ///   customer id; `conflict` when the user exists without `role`.
    public func ensureUser(customer choice: CustomerChoice, email: String, role: Role) async throws -> User {
        if let problem = EmailAddress.problem(in: email) { throw InsightError.badRequest(problem) }
        let now = clock.now()
        let customerID: String
        switch choice {
        case .new:
            customerID = UUID().lowercasedString
            try await customers.insert(Customer(id: customerID, name: "Customer \(customerID.prefix(8))", created: now))
        case .existing(let id):
            guard try await customers.customer(id: id) != nil else {
                throw InsightError.notFound("There is no customer '\(id)'; use --customer new to create one.")
            }
            customerID = id
        }
        if let user = try await users.user(email: email, customerID: customerID) {
            guard user.roles.contains(role) else {
                let held = user.roles.map(\.rawValue).sorted().joined(separator: ", ")
                throw InsightError.conflict("User '\(email)' exists in customer '\(customerID)' with role(s) \(held), not \(role.rawValue).")
            }
            return user
        }
        let user = User(
            id: UUID().lowercasedString, customerID: customerID, email: email,
            roles: [role], created: now, lastUpdated: now
        )
        try await users.insert(user)
        return user
    }
}
