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

    /// One page of the customer's gateways in (`created`, `id`) order.
    func gateways(customerID: String, page: PageRequest) async throws -> Page<Gateway>

    /// Replaces the stored gateway with `gateway` if the stored one still has `gateway.version - 1`.
    ///
    /// - Throws: `InsightError.conflict` when the stored version differs (a concurrent
    ///   modification) or the new name is taken; `InsightError.notFound` when it is gone.
    func update(_ gateway: Gateway) async throws
}

extension GatewayStore {
    /// Inserts all `gateways` or none of them, without an idempotency key.
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

/// Persistence of users. Emails are unique per customer.
public protocol UserStore: Sendable {
    /// - Throws: `InsightError.conflict` when the email is used in the customer.
    func insert(_ user: User) async throws
    func user(id: String, customerID: String) async throws -> User?
    func user(email: String, customerID: String) async throws -> User?
}

/// Everything the use cases persist, behind one handle.
public protocol InsightStore: GatewayStore, CustomerStore, UserStore, ProvisioningStore, EventStore, DeviceStore {
    /// Brings the schema to the current version; safe to call on every start.
    func migrate() async throws
    /// Releases connections. The store must not be used afterwards.
    func shutdown() async throws
}
