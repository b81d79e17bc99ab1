import Foundation

/// Where login links are kept: each only as the SHA-256 of its secret, spent by the first redeemer.
public protocol LoginLinkStore: Sendable {
    /// Stores a new link for `userID` of `customerID`, valid until `expiresAt`; links expired
    /// long before (a day) may be dropped meanwhile.
    func insertLoginLink(hash: Data, userID: String, customerID: String, expiresAt: Timestamp) async throws
    /// Spends the unspent, unexpired link with this hash and returns whose it was; nil when there
    /// is none (unknown, spent or expired). Of concurrent redeemers exactly one gets the user.
    func redeemLoginLink(hash: Data, at now: Timestamp) async throws -> (userID: String, customerID: String)?
}

/// One-time sign-in links of the console (`insight token --login-link`): a secret of 256 random
/// bits in the fragment of `<public URL>/console/#login=<secret>`, short-lived and single use,
/// stored only hashed. Redeeming one gives the user it was made for, as the store has them now.
public struct LoginLinkService: Sendable {
    /// How long a link can be redeemed: 15 minutes.
    public static let lifetime: TimeInterval = 15 * 60

    private let links: any LoginLinkStore
    private let users: any UserStore
    private let clock: any Clock

    public init(links: any LoginLinkStore, users: any UserStore, clock: any Clock = SystemClock()) {
        self.links = links
        self.users = users
        self.clock = clock
    }

    /// Makes a link's secret for `user`; only its hash is stored.
    public func issue(for user: User) async throws -> String {
        let secret = ProvisioningToken.generate()
        let expiresAt = Timestamp(rawValue: clock.now().rawValue + Int64(Self.lifetime * 1000))
        try await links.insertLoginLink(hash: secret.hash, userID: user.id, customerID: user.customerID, expiresAt: expiresAt)
        return secret.value
    }

    /// The console's address that signs in with `secret`.
    public static func url(publicURL: String, secret: String) -> String {
        "\(publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL)/console/#login=\(secret)"
    }

    /// Spends the link and returns its user.
    ///
    /// - Throws: `InsightError.unauthorized` when the link is unknown, spent or expired, or its
    ///   user was deleted since.
    public func redeem(_ presented: String) async throws -> User {
        guard presented.utf8.count <= 128,
              let owner = try await links.redeemLoginLink(hash: ProvisioningToken.hash(of: presented), at: clock.now())
        else { throw InsightError.unauthorized("This sign-in link is unknown, already used or expired: ask for a new one (insight token --login-link).") }
        guard let user = try await users.user(id: owner.userID, customerID: owner.customerID) else {
            throw InsightError.unauthorized("The user of this sign-in link no longer exists.")
        }
        return user
    }
}
