import Foundation

/// The user and role use cases of the API: roles, `/me`, and list, create, get, patch and delete
/// of users.
///
/// Every method checks that the principal may act in `customerID` before it touches the store.
/// Reading needs `users.read` (`me.read` for `/me`); creating, deleting and changing roles or
/// other users needs `users.write`; a user changes their own names and language with `me.write`.
public struct UserService: Sendable {
    private let users: any UserStore
    private let consents: any ConsentStore
    private let clock: any Clock

    public init(users: any UserStore, consents: any ConsentStore, clock: any Clock = SystemClock()) {
        self.users = users
        self.consents = consents
        self.clock = clock
    }

    /// Every role, in `Role.allCases` order.
    public func roles(_ principal: Principal, customerID: String) throws -> [Role] {
        try principal.authorize(.rolesRead, in: customerID)
        return Role.allCases
    }

    /// The principal's own user.
    ///
    /// - Throws: `unauthorized` when the user was deleted after the IdToken was checked.
    public func me(_ principal: Principal, customerID: String) async throws -> UserDetails {
        try principal.authorize(.meRead, in: customerID)
        guard let user = try await users.user(id: principal.userID, customerID: customerID) else {
            throw InsightError.unauthorized("The user of this IdToken no longer exists.")
        }
        return try await details(of: [user], customerID: customerID)[0]
    }

    public func list(_ principal: Principal, customerID: String, page: PageRequest) async throws -> Page<UserDetails> {
        try principal.authorize(.usersRead, in: customerID)
        let found = try await users.users(customerID: customerID, page: page)
        return Page(items: try await details(of: found.items, customerID: customerID), next: found.next)
    }

    public func get(_ principal: Principal, customerID: String, userID: String) async throws -> UserDetails {
        try principal.authorize(.usersRead, in: customerID)
        return try await details(of: [try await existingUser(userID, customerID: customerID)], customerID: customerID)[0]
    }

    /// - Throws: `badRequest` naming the first bad field; `conflict` when the email (in any case)
    ///   is used in the customer.
    public func create(_ principal: Principal, customerID: String, draft: UserDraft) async throws -> UserDetails {
        try principal.authorize(.usersWrite, in: customerID)
        if let problem = TextFieldRule.problem(in: draft.firstName, field: "first_name")
            ?? TextFieldRule.problem(in: draft.lastName, field: "last_name")
            ?? EmailAddress.problem(in: draft.email) {
            throw InsightError.badRequest(problem)
        }
        let now = clock.now()
        let user = User(
            id: UUID().lowercasedString, customerID: customerID, email: draft.email, firstName: draft.firstName,
            lastName: draft.lastName, roles: [draft.role], created: now, lastUpdated: now
        )
        try await users.insert(user)
        return UserDetails(user: user, latestConsents: [:])
    }

    /// Applies the given fields only. A user may change their own names and language; changing a
    /// role (also one's own) or another user takes `users.write`.
    ///
    /// - Throws: `forbidden` without the permission; `badRequest` naming a bad field; `notFound`
    ///   when there is no such user; `conflict` when it would demote the customer's last administrator.
    public func update(_ principal: Principal, customerID: String, userID: String, patch: UserPatch) async throws {
        let ownProfileOnly = userID == principal.userID && !patch.changesRole
        try principal.authorize(ownProfileOnly ? .meWrite : .usersWrite, in: customerID)
        for (field, value) in [("first_name", patch.firstName), ("last_name", patch.lastName), ("language", patch.language)] {
            if let value, let problem = TextFieldRule.problem(in: value, field: field) { throw InsightError.badRequest(problem) }
        }
        var user = try await existingUser(userID, customerID: customerID)
        let before = user
        user.firstName = patch.firstName ?? user.firstName
        user.lastName = patch.lastName ?? user.lastName
        user.language = patch.language ?? user.language
        user.roles = patch.role.map { [$0] } ?? user.roles
        guard user != before else { return }
        user.lastUpdated = max(clock.now(), user.lastUpdated)
        try await users.update(user)
    }

    /// Deletes the user for good; their IdTokens stop working at once.
    ///
    /// - Throws: `notFound` when there is no such user; `conflict` for the customer's last administrator.
    public func delete(_ principal: Principal, customerID: String, userID: String) async throws {
        try principal.authorize(.usersWrite, in: customerID)
        try await users.deleteUser(id: userID, customerID: customerID)
    }

    private func existingUser(_ userID: String, customerID: String) async throws -> User {
        guard let user = try await users.user(id: userID, customerID: customerID) else {
            throw InsightError.notFound("There is no user '\(userID.prefix(64))' in this customer.")
        }
        return user
    }

    /// `found` with their latest consents, in the same order.
    private func details(of found: [User], customerID: String) async throws -> [UserDetails] {
        let latest = try await consents.latestConsents(userIDs: found.map(\.id), customerID: customerID)
        return found.map { UserDetails(user: $0, latestConsents: latest[$0.id] ?? [:]) }
    }
}
