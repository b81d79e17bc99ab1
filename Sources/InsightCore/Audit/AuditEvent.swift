import Foundation

/// One entry of a customer's audit trail: who did what to which gateway or user, when, and
/// from which address. Never a secret: no token, password, key or package.
public struct AuditEvent: Sendable, Equatable {
    /// What was done.
    public enum Action: String, Sendable, CaseIterable {
        /// A certificate and token were made for the gateway (create-provisioning-package, prepare-provisioning).
        case gatewayProvisioned = "gateway.provisioned"
        /// A gateway redeemed its token (the token was the credential: there is no user).
        case tokenRedeemed = "token.redeemed"
        /// A device swap: the gateway's certificates were revoked and replaced.
        case gatewayReissued = "gateway.reissued"
        case userCreated = "user.created"
        case userUpdated = "user.updated"
        case userDeleted = "user.deleted"
    }

    public let id: UUID
    public let customerID: String
    public let created: Timestamp
    public let action: Action
    /// The user who acted, or nil (a redemption).
    public let actorUserID: String?
    public let actorEmail: String?
    /// What was acted on: `gateway <id>` or `user <id>`.
    public let target: String
    /// The IP address the request came from, when known.
    public let clientAddress: String?
    public let details: String?

    public init(
        id: UUID = UUID(), customerID: String, created: Timestamp, action: Action, actorUserID: String?, actorEmail: String?,
        target: String, clientAddress: String?, details: String? = nil
    ) {
        self.id = id
        self.customerID = customerID
        self.created = created
        self.action = action
        self.actorUserID = actorUserID
        self.actorEmail = actorEmail
        self.target = target
        self.clientAddress = clientAddress
        self.details = details
    }

    /// The target text of a gateway.
    public static func gateway(_ id: UUID) -> String { "gateway \(id.lowercasedString)" }
    /// The target text of a user.
    public static func user(_ id: String) -> String { "user \(id)" }
}

/// Persistence of the audit trail. Entries are only ever added.
public protocol AuditStore: Sendable {
    func recordAudit(_ events: [AuditEvent]) async throws
    /// One page of the customer's entries in (`created`, `id`) order.
    func auditEvents(customerID: String, page: PageRequest) async throws -> Page<AuditEvent>
}

/// Reading the audit trail: administrators of the customer only.
public struct AuditService: Sendable {
    private let store: any AuditStore

    public init(store: any AuditStore) {
        self.store = store
    }

    public func list(_ principal: Principal, customerID: String, page: PageRequest) async throws -> Page<AuditEvent> {
        try principal.authorize(.auditRead, in: customerID)
        return try await store.auditEvents(customerID: customerID, page: page)
    }
}
