import Foundation

/// A connectivity device (gateway) that carries scanner data to the backend.
public struct Gateway: Sendable, Equatable {
    /// How the gateway is mounted.
    public enum Kind: String, Sendable, CaseIterable { case stationary, mobile }

    /// The connectivity state, as the seed defines it; derived by `connectivityStatus(at:)`.
    public enum ConnectivityStatus: String, Sendable, CaseIterable {
        case notRegistered = "NOT_REGISTERED"
        case registering = "REGISTERING"
        case active = "ACTIVE"
        case inactive = "INACTIVE"
    }

    public let id: UUID
    public let customerID: String
    public var name: String
    public var usecase: String
    public var station: String
    public var kind: Kind
    public var model: String?
    public var manufacturer: String?
    public var firmware: String?
    /// Whether the gateway has been provisioned (a certificate and a one-time token were issued):
    /// `prepare-provisioning` and `create-provisioning-package` need it false, `reissue` true.
    public var isProvisioned: Bool
    /// The `created` time of the newest event received from the gateway (never later than its
    /// arrival), or `nil` before the first. Kept by event ingest, outside `version`.
    public var lastMessageAt: Timestamp?
    public let created: Timestamp
    public var lastUpdated: Timestamp
    /// Incremented by every change; the store refuses a write based on an older version.
    public var version: Int

    public init(
        id: UUID, customerID: String, name: String, usecase: String, station: String,
        kind: Kind = .stationary, model: String? = nil, manufacturer: String? = nil, firmware: String? = nil,
        isProvisioned: Bool = false, lastMessageAt: Timestamp? = nil, created: Timestamp, lastUpdated: Timestamp,
        version: Int = 1
    ) {
        self.id = id
        self.customerID = customerID
        self.name = name
        self.usecase = usecase
        self.station = station
        self.kind = kind
        self.model = model
        self.manufacturer = manufacturer
        self.firmware = firmware
        self.isProvisioned = isProvisioned
        self.lastMessageAt = lastMessageAt
        self.created = created
        self.lastUpdated = lastUpdated
        self.version = version
    }

    /// The gateway's internal id (the IoT "thing name"): its id as a lowercase string.
    public var thingName: String { id.lowercasedString }

    /// How long after its last message a gateway counts as `ACTIVE`: 2 hours.
    public static let activeWindowMillis: Int64 = 2 * 60 * 60 * 1000

    /// The connectivity state at `now`, derived from the stored facts: `NOT_REGISTERED` until it is
    /// provisioned; then `REGISTERING` until its first message; `ACTIVE` while its last message
    /// is at most 2 hours old; `INACTIVE` after that. Messages of a gateway never provisioned
    /// (only an import can bring them) leave it `NOT_REGISTERED`: provisioning decides first.
    public func connectivityStatus(at now: Timestamp) -> ConnectivityStatus {
        guard isProvisioned else { return .notRegistered }
        guard let lastMessageAt else { return .registering }
        return now.rawValue - lastMessageAt.rawValue <= Self.activeWindowMillis ? .active : .inactive
    }
}

/// What a caller gives to create a gateway.
public struct GatewayDraft: Sendable, Equatable {
    public var name: String
    public var usecase: String
    public var station: String

    public init(name: String, usecase: String, station: String) {
        self.name = name
        self.usecase = usecase
        self.station = station
    }
}

/// A partial update of a gateway: `nil` leaves a field as it is.
public struct GatewayPatch: Sendable, Equatable {
    public var name: String?
    public var usecase: String?
    public var station: String?

    public init(name: String? = nil, usecase: String? = nil, station: String? = nil) {
        self.name = name
        self.usecase = usecase
        self.station = station
    }
}
