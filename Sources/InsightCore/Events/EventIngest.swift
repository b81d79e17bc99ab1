import Foundation

/// The one way events get in: checks incoming events, stores each event id once, and keeps the
/// devices and the gateways' last message time current.
///
/// It knows nothing of where events come from: `insight events import` hands it the lines of a
/// file, an MQTT ingester the payloads of messages. Its callers are trusted parts of the
/// deployment (an operator with the database at hand, the broker that checked a gateway's
/// certificate), so it takes no `Principal`; the customer is theirs to name.
public struct EventIngest: Sendable {
    /// What became of each payload of a batch, by its index in the batch.
    public struct Report: Sendable, Equatable {
        /// How many events were stored now.
        public var stored = 0
        /// Payloads whose event id was stored before (or earlier in the batch): not stored again.
        public var duplicates: [Int] = []
        /// Payloads refused, in index order, with what is wrong (naming the field).
        public var rejected: [Rejection] = []

        public init() {}
    }

    /// A payload that was refused.
    public struct Rejection: Sendable, Equatable {
        public let index: Int
        public let message: String
    }

    private let gateways: any GatewayStore
    private let events: any EventStore
    private let clock: any Clock

    public init(gateways: any GatewayStore, events: any EventStore, clock: any Clock = SystemClock()) {
        self.gateways = gateways
        self.events = events
        self.clock = clock
    }

    /// Checks and stores a batch of JSON events of `customerID` in one transaction.
    ///
    /// Each payload must be the seed's event as a JSON object: `id` a UUID; `class` and `type`
    /// as the document enumerates them; `created` in ms (below 10^11 read as seconds);
    /// `gateway_id` a gateway of the customer (events of unknown gateways are refused); text
    /// fields without control characters; `device_battery` 0 to 100. Missing
    /// `gateway_usecase` and `gateway_station` are taken from the gateway. A bad payload is
    /// reported and the others are stored. Batches of a few thousand store fastest.
    ///
    /// - Throws: only failures of the store; bad payloads are in the report.
    public func ingest(_ payloads: [Data], customerID: String) async throws -> Report {
        try await ingest(payloads.map { ($0, nil) }, customerID: customerID)
    }

    /// Checks and stores events that gateways published, each with the gateway that sent it
    /// (known from the MQTT topic, which the broker binds to the gateway's certificate), as
    /// `ingest(_:customerID:)` does. The sender is the event's gateway: a payload without
    /// `gateway_id` gets it, and one that names another gateway is refused.
    public func ingest(_ messages: [GatewayMessage], customerID: String) async throws -> Report {
        try await ingest(messages.map { ($0.payload, $0.gatewayID) }, customerID: customerID)
    }

    private func ingest(_ payloads: [(payload: Data, sender: UUID?)], customerID: String) async throws -> Report {
        var report = Report()
        var candidates: [(index: Int, event: Event)] = []
        let decoder = JSONDecoder()
        for (index, (payload, sender)) in payloads.enumerated() {
            do {
                var draft = try EventDraft.decode(payload, with: decoder)
                if let sender {
                    let named = draft.gateway_id ?? sender.lowercasedString
                    guard UUID(text: named) == sender else {
                        throw InsightError.badRequest("gateway_id '\(named.prefix(64))' is not the gateway that published the event (\(sender.lowercasedString)).")
                    }
                    draft.gateway_id = named
                }
                candidates.append((index, try draft.event(customerID: customerID)))
            } catch let error as InsightError {
                report.rejected.append(Rejection(index: index, message: error.details))
            }
        }
        var known: [UUID: Gateway] = [:]
        let gatewayIDs = Array(Set(candidates.map { $0.event.gatewayID }))
        for start in stride(from: 0, to: gatewayIDs.count, by: GatewayService.maximumBulkSize) {
            let chunk = Array(gatewayIDs[start..<min(start + GatewayService.maximumBulkSize, gatewayIDs.count)])
            known.merge(try await gateways.gateways(ids: chunk, customerID: customerID)) { first, _ in first }
        }
        var accepted: [Event] = []
        var indexOfID: [UUID: Int] = [:]
        for (index, event) in candidates {
            guard let gateway = known[event.gatewayID] else {
                report.rejected.append(Rejection(index: index, message: "gateway_id '\(event.gatewayID.lowercasedString)' is not a gateway of customer '\(customerID)'."))
                continue
            }
            guard indexOfID[event.id] == nil else {
                report.duplicates.append(index)
                continue
            }
            indexOfID[event.id] = index
            var event = event
            event.gatewayUsecase = event.gatewayUsecase ?? gateway.usecase
            event.gatewayStation = event.gatewayStation ?? gateway.station
            accepted.append(event)
        }
        let stored = accepted.isEmpty ? [] : try await events.insertEvents(accepted, at: clock.now())
        report.stored = stored.count
        report.duplicates += accepted.filter { !stored.contains($0.id) }.compactMap { indexOfID[$0.id] }
        report.duplicates.sort()
        report.rejected.sort { $0.index < $1.index }
        return report
    }
}

/// An event payload as a gateway published it, with the gateway that published it.
public struct GatewayMessage: Sendable {
    public let payload: Data
    public let gatewayID: UUID

    public init(payload: Data, gatewayID: UUID) {
        self.payload = payload
        self.gatewayID = gatewayID
    }
}
