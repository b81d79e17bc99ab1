/// Which of a customer's gateways a listing shows (the console's search and filters); every
/// condition given must hold.
public struct GatewaySearch: Sendable, Equatable {
    /// Part of the name, case-insensitively for ASCII letters (others match exactly).
    public var nameContains: String?
    public var station: String?
    public var usecase: String?
    /// The connectivity state at `now` (`Gateway.connectivityStatus(at:)`).
    public var status: Gateway.ConnectivityStatus?
    public var now: Timestamp

    public init(nameContains: String? = nil, station: String? = nil, usecase: String? = nil, status: Gateway.ConnectivityStatus? = nil, now: Timestamp) {
        self.nameContains = nameContains.flatMap { $0.isEmpty ? nil : $0 }
        self.station = station.flatMap { $0.isEmpty ? nil : $0 }
        self.usecase = usecase.flatMap { $0.isEmpty ? nil : $0 }
        self.status = status
        self.now = now
    }

    /// No condition: every gateway.
    public static let all = GatewaySearch(now: Timestamp(rawValue: 0))

    /// The oldest last message an `ACTIVE` gateway may have at `now`.
    public var activeSince: Timestamp { Timestamp(rawValue: now.rawValue - Gateway.activeWindowMillis) }
}

/// The values a customer's gateways have, for the console's filters.
public struct GatewayFacets: Sendable, Equatable {
    public let stations: [String]
    public let usecases: [String]

    public init(stations: [String], usecases: [String]) {
        self.stations = stations
        self.usecases = usecases
    }
}
