import Foundation

/// Persistence of gateways. Every read and write is scoped to one customer.
///
/// Implementations must be safe to call concurrently.
public protocol GatewayStore: Sendable {
    /// Inserts all `gateways` or none of them, and `idempotency` (when given) in the same
    /// transaction, so that a request's key is stored exactly when its effect is.
    ///
    /// - Throws: `InsightError.conflict` naming the first name already used in its customer
    ///   (names are unique per customer), or when the idempotency key is already stored,
    ///   leaving the store unchanged.
    func insert(_ gateways: [Gateway], idempotency: IdempotencyRecord?) async throws

    /// The stored record of idempotency key `key` in `customerID`, or `nil`.
    func idempotencyRecord(key: String, customerID: String) async throws -> IdempotencyRecord?

    /// The gateway with `id` in `customerID`, or `nil` when there is none.
    func gateway(id: UUID, customerID: String) async throws -> Gateway?

    /// The gateway named `name` in `customerID`, or `nil` when there is none.
    func gateway(named name: String, customerID: String) async throws -> Gateway?

    /// The gateways of `customerID` among `ids` (one query however many), by id; an id of no
    /// gateway of the customer is absent. Callers pass at most a request's 500.
    func gateways(ids: [UUID], customerID: String) async throws -> [UUID: Gateway]

    /// The gateways of `customerID` whose names are among `names`, compared byte for byte as
    /// the database compares them (one query however many). Not keyed by name: Swift's String
    /// equality would merge names that differ only in Unicode normalisation ("Café" in NFC and NFD).
    func gateways(named names: [String], customerID: String) async throws -> [Gateway]

    /// One page of the customer's gateways that match `search`, in (`created`, `id`) order.
    func gateways(customerID: String, matching search: GatewaySearch, page: PageRequest) async throws -> Page<Gateway>

    /// The distinct stations and use cases of the customer's gateways, sorted.
    func gatewayFacets(customerID: String) async throws -> GatewayFacets

    /// How many gateways the customer has.
    func gatewayCount(customerID: String) async throws -> Int

    /// Replaces the stored gateway with `gateway` if the stored one still has `gateway.version - 1`.
    ///
    /// - Throws: `InsightError.conflict` when the stored version differs (a concurrent
    ///   modification) or the new name is taken; `InsightError.notFound` when it is gone.
    func update(_ gateway: Gateway) async throws
}

extension GatewayStore {
    /// Inserts all `gateways` or none of them, without an idempotency key.
    /// One page of the customer's gateways in (`created`, `id`) order.
    public func gateways(customerID: String, page: PageRequest) async throws -> Page<Gateway> {
        try await gateways(customerID: customerID, matching: .all, page: page)
    }

    public func insert(_ gateways: [Gateway]) async throws {
        try await insert(gateways, idempotency: nil)
    }
}

/// Persistence of customers (tenants).
public protocol CustomerStore: Sendable {
    /// - Throws: `InsightError.conflict` when the id exists.
    func insert(_ customer: Customer) async throws
    func customer(id: String) async throws -> Customer?
}

/// Persistence of users. Emails are unique per customer regardless of case (`EmailAddress.key`).
///
/// A customer that has an administrator keeps one: no update or delete removes the last user
/// holding `Role.admin`, also when several run at once (the check and the write are one
/// transaction that serialises with every other such change in the customer).
public protocol UserStore: Sendable {
    /// - Throws: `InsightError.conflict` when the email is used in the customer.
    func insert(_ user: User) async throws
    func user(id: String, customerID: String) async throws -> User?
    /// The user whose email equals `email` regardless of case, or `nil`.
    func user(email: String, customerID: String) async throws -> User?
    /// One page of the customer's users in (`created`, `id`) order.
    func users(customerID: String, page: PageRequest) async throws -> Page<User>
    /// Replaces the stored user that has `user.id` in `user.customerID` with `user` (the email is kept).
    ///
    /// - Throws: `InsightError.notFound` when it is gone; `InsightError.conflict` when it is the
    ///   customer's last administrator and `user` no longer holds `Role.admin`.
    func update(_ user: User) async throws
    /// Deletes the user and everything recorded for them (consents).
    ///
    /// - Throws: `InsightError.notFound` when there is no such user; `InsightError.conflict` when
    ///   it is the customer's last administrator.
    func deleteUser(id: String, customerID: String) async throws
}

/// Persistence of consents. A version of a document is consented to once per user: giving it
/// again keeps the first record.
public protocol ConsentStore: Sendable {
    /// Records `consents` (all of one user) in one transaction, skipping versions already recorded.
    func insert(_ consents: [Consent]) async throws
    /// Every consent of the user, oldest first (ties in version order).
    func consents(userID: String, customerID: String) async throws -> [Consent]
    /// The latest consent per type of each of `userIDs` (one query however many); users without
    /// consents are absent.
    func latestConsents(userIDs: [String], customerID: String) async throws -> [String: [ConsentType: Consent]]
}

/// Everything the use cases persist, behind one handle.
public protocol InsightStore: GatewayStore, CustomerStore, UserStore, LoginLinkStore, ConsentStore, ProvisioningStore, EventStore, DeviceStore, JobConfigStore, DeviceConfigStore, EventExportStore, AuditStore, SharedStateStore {
    /// Brings the schema to the current version; safe to call on every start.
    func migrate() async throws
    /// Asks the database one trivial question: what `GET /ready` reports.
    ///
    /// - Throws: the database's error when it cannot be reached or does not answer.
    func checkReachable() async throws
    /// How busy the store's connection pools are now.
    func poolUsage() -> [DatabasePoolUsage]
    /// Releases connections. The store must not be used afterwards.
    func shutdown() async throws
}

/// Persistence of job configs. Names are unique per customer.
public protocol JobConfigStore: Sendable {
    /// - Throws: `InsightError.conflict` when the name is used in the customer.
    func insert(_ config: JobConfig) async throws
    func jobConfig(id: UUID, customerID: String) async throws -> JobConfig?
    /// Every job config of the customer in (`created`, `id`) order.
    func jobConfigs(customerID: String) async throws -> [JobConfig]
    /// Deletes the job config; `false` when there was none.
    func deleteJobConfig(id: UUID, customerID: String) async throws -> Bool
}

/// Persistence of device config files, keyed by the customer and the client's id.
public protocol DeviceConfigStore: Sendable {
    /// Inserts `config`, or replaces the file and name of the stored one with its id, keeping its
    /// `created`, in one statement (concurrent puts of one id leave one of them whole).
    /// - Returns: the metadata as stored.
    func put(_ config: DeviceConfig) async throws -> DeviceConfigMetadata
    /// The metadata of every device config of the customer, by id (the files are not read).
    func deviceConfigs(customerID: String) async throws -> [DeviceConfigMetadata]
    func deviceConfig(id: String, customerID: String) async throws -> DeviceConfig?
    /// Deletes the device config; `false` when there was none.
    func deleteDeviceConfig(id: String, customerID: String) async throws -> Bool
}
