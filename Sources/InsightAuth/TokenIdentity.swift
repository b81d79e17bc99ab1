/// What a verified IdToken proves: who it names in which customer. Roles are not part of it; they
/// are the stored user's (see `PrincipalResolver`).
public struct TokenIdentity: Sendable, Equatable {
    /// The `sub` claim: the user's id for the built-in issuer.
    public let subject: String
    public let customerID: String
    public let email: String?
    /// Whether the user may be found by `email` when no user of the customer has `subject` as
    /// id: true for tokens of an external pool, whose subjects are not this server's user ids.
    public let matchesByEmail: Bool

    public init(subject: String, customerID: String, email: String?, matchesByEmail: Bool) {
        self.subject = subject
        self.customerID = customerID
        self.email = email
        self.matchesByEmail = matchesByEmail
    }
}
