import InsightCore

/// Turns a verified IdToken into the principal of the stored user it names, on every request:
/// a deleted user's tokens stop working at once, and a changed role applies at once.
///
/// The user is the one of the token's customer whose id is `sub`; for an external pool
/// (`TokenIdentity.matchesByEmail`), else the one whose email is the token's `email` (in any
/// case). No such user: 401.
public struct PrincipalResolver: Sendable {
    private let users: any UserStore

    public init(users: any UserStore) {
        self.users = users
    }

    /// - Throws: `InsightError.unauthorized` when the token names no user of its customer.
    public func principal(for identity: TokenIdentity) async throws -> Principal {
        var user = try await users.user(id: identity.subject, customerID: identity.customerID)
        if user == nil, identity.matchesByEmail, let email = identity.email {
            user = try await users.user(email: email, customerID: identity.customerID)
        }
        guard let user else {
            throw InsightError.unauthorized("The IdToken names no user of customer '\(identity.customerID.prefix(64))' (deleted, or never registered).")
        }
        return Principal(userID: user.id, customerID: user.customerID, email: user.email, roles: user.roles)
    }
}
