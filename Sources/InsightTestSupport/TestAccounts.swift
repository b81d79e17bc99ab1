import InsightCore

/// The users most API tests act as: an administrator and a reader (`USER_ROLE`) of one new
/// customer, and an administrator of another, so that tests can check roles and the wall
/// between customers.
public struct TestAccounts: Sendable {
    public let admin: User
    public let reader: User
    public let otherAdmin: User

    /// Creates the two customers and three users in `store`.
    public static func create(in store: some CustomerStore & UserStore) async throws -> TestAccounts {
        let accounts = AccountService(customers: store, users: store)
        let admin = try await accounts.ensureUser(customer: .new, email: "admin@a.example", role: .admin)
        return TestAccounts(
            admin: admin,
            reader: try await accounts.ensureUser(customer: .existing(admin.customerID), email: "reader@a.example", role: .user),
            otherAdmin: try await accounts.ensureUser(customer: .new, email: "admin@b.example", role: .admin)
        )
    }
}
