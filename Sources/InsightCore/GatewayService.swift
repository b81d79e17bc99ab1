import Foundation

/// The gateway use cases of the API: list, create, bulk-create, get and patch.
///
/// Every method checks that the principal may act in `customerID` before it touches the store.
public struct GatewayService: Sendable {
    /// The most gateways one bulk-create may hold.
    public static let maximumBulkSize = 500

    /// The most gateways a customer may have unless the operator chooses otherwise.
    public static let defaultMaximumGatewaysPerCustomer = 100_000

    private let store: any GatewayStore
    private let clock: any Clock
    /// The customer's quota: creating beyond it is refused with 403. Checked before each
    /// creation, so concurrent creations may pass it by one request's gateways at most.
    private let maximumGatewaysPerCustomer: Int

    public init(store: any GatewayStore, clock: any Clock = SystemClock(), maximumGatewaysPerCustomer: Int = Self.defaultMaximumGatewaysPerCustomer) {
        self.store = store
        self.clock = clock
        self.maximumGatewaysPerCustomer = maximumGatewaysPerCustomer
    }

    public func list(_ principal: Principal, customerID: String, page: PageRequest) async throws -> Page<Gateway> {
        try principal.authorize(.gatewaysRead, in: customerID)
        return try await store.gateways(customerID: customerID, page: page)
    }

    /// One page of the gateways that match `search` (its `now` is set from the clock).
    public func search(_ principal: Principal, customerID: String, search: GatewaySearch, page: PageRequest) async throws -> Page<Gateway> {
        try principal.authorize(.gatewaysRead, in: customerID)
        var search = search
        search.now = clock.now()
        return try await store.gateways(customerID: customerID, matching: search, page: page)
    }

    /// The stations and use cases the customer's gateways have.
    public func facets(_ principal: Principal, customerID: String) async throws -> GatewayFacets {
        try principal.authorize(.gatewaysRead, in: customerID)
        return try await store.gatewayFacets(customerID: customerID)
    }

    public func get(_ principal: Principal, customerID: String, gatewayID: String) async throws -> Gateway {
        try principal.authorize(.gatewaysRead, in: customerID)
        return try await existingGateway(gatewayID, customerID: customerID)
    }

    public func create(_ principal: Principal, customerID: String, draft: GatewayDraft) async throws -> Gateway {
        try principal.authorize(.gatewaysWrite, in: customerID)
        if let problem = Self.problem(in: draft, prefix: "") { throw InsightError.badRequest(problem) }
        try await checkQuota(adding: 1, customerID: customerID)
        let gateway = newGateway(from: draft, customerID: customerID)
        try await store.insert([gateway])
        return gateway
    }

    /// Creates every gateway of `drafts` or none.
    ///
    /// With an `idempotencyKey`, a repeat of a request that succeeded before creates nothing and
    /// returns the gateways the first one created, as they are now (those deleted since are left out).
    ///
    /// - Throws: `badRequest` naming the first bad entry and field (`gateways[i].field`) or a
    ///   malformed key; `conflict` for a name given twice or already used in the customer, or a
    ///   key used before for another request.
    public func bulkCreate(_ principal: Principal, customerID: String, drafts: [GatewayDraft], idempotencyKey: String? = nil) async throws -> [Gateway] {
        try principal.authorize(.gatewaysWrite, in: customerID)
        let fingerprint = Self.fingerprint(drafts)
        if let idempotencyKey {
            guard IdempotencyRecord.isValidKey(idempotencyKey) else {
                throw InsightError.badRequest("Idempotency-Key must be 1 to 128 printable ASCII characters.")
            }
            if let earlier = try await store.idempotencyRecord(key: idempotencyKey, customerID: customerID) {
                return try await replay(earlier, fingerprint: fingerprint)
            }
        }
        guard !drafts.isEmpty else { throw InsightError.badRequest("gateways must hold at least one gateway.") }
        guard drafts.count <= Self.maximumBulkSize else {
            throw InsightError.badRequest("gateways holds \(drafts.count) entries; at most \(Self.maximumBulkSize) are allowed per request.")
        }
        for (index, draft) in drafts.enumerated() {
            if let problem = Self.problem(in: draft, prefix: "gateways[\(index)].") { throw InsightError.badRequest(problem) }
        }
        var firstIndexOfName: [String: Int] = [:]
        for (index, draft) in drafts.enumerated() {
            if let first = firstIndexOfName[draft.name] {
                throw InsightError.conflict("gateways[\(index)].name '\(draft.name)' repeats gateways[\(first)].name.")
            }
            firstIndexOfName[draft.name] = index
        }
        try await checkQuota(adding: drafts.count, customerID: customerID)
        let gateways = drafts.map { newGateway(from: $0, customerID: customerID) }
        let record = idempotencyKey.map {
            IdempotencyRecord(
                customerID: customerID, key: $0, operation: Self.bulkCreateOperation, requestSHA256: fingerprint,
                resourceIDs: gateways.map(\.id), created: clock.now()
            )
        }
        do {
            try await store.insert(gateways, idempotency: record)
        } catch let error as InsightError where error.kind == .conflict {
            // A concurrent request with the same key may have won the race: answer as it did.
            guard let idempotencyKey, let earlier = try await store.idempotencyRecord(key: idempotencyKey, customerID: customerID) else { throw error }
            return try await replay(earlier, fingerprint: fingerprint)
        }
        return gateways
    }

    static let bulkCreateOperation = "bulk-create"

    /// - Throws: `forbidden` when `count` more gateways would take the customer past its quota.
    private func checkQuota(adding count: Int, customerID: String) async throws {
        let existing = try await store.gatewayCount(customerID: customerID)
        guard existing + count <= maximumGatewaysPerCustomer else {
            throw InsightError.forbidden(
                "The customer has \(existing) gateways; \(count) more would pass its quota of \(maximumGatewaysPerCustomer). Ask the server's operator to raise it (insight serve --max-gateways-per-customer)."
            )
        }
    }

    /// What `earlier` created, as it is now; the request must be the one that created it.
    private func replay(_ earlier: IdempotencyRecord, fingerprint: String) async throws -> [Gateway] {
        guard earlier.operation == Self.bulkCreateOperation, earlier.requestSHA256 == fingerprint else {
            throw InsightError.conflict("Idempotency-Key '\(earlier.key)' was used before for another request; choose a new key.")
        }
        let found = try await store.gateways(ids: earlier.resourceIDs, customerID: earlier.customerID)
        return earlier.resourceIDs.compactMap { found[$0] }
    }

    /// SHA-256 (hex) of the drafts' fields in order: equal exactly for equal requests.
    private static func fingerprint(_ drafts: [GatewayDraft]) -> String {
        let fields = drafts.map { [$0.name, $0.usecase, $0.station] }
        return ((try? JSONEncoder().encode(fields)) ?? Data()).sha256Hex
    }

    /// Applies the given fields only.
    ///
    /// - Throws: `conflict` when the gateway changed between this call's read and write, or the
    ///   new name is taken; `notFound` when there is no such gateway.
    public func update(_ principal: Principal, customerID: String, gatewayID: String, patch: GatewayPatch) async throws -> Gateway {
        try principal.authorize(.gatewaysWrite, in: customerID)
        for (field, value) in [("name", patch.name), ("usecase", patch.usecase), ("station", patch.station)] {
            if let value, let problem = TextFieldRule.problem(in: value, field: field) { throw InsightError.badRequest(problem) }
        }
        var gateway = try await existingGateway(gatewayID, customerID: customerID)
        gateway.name = patch.name ?? gateway.name
        gateway.usecase = patch.usecase ?? gateway.usecase
        gateway.station = patch.station ?? gateway.station
        gateway.lastUpdated = max(clock.now(), gateway.lastUpdated)
        gateway.version += 1
        try await store.update(gateway)
        return gateway
    }

    private func existingGateway(_ gatewayID: String, customerID: String) async throws -> Gateway {
        guard let id = UUID(text: gatewayID), let gateway = try await store.gateway(id: id, customerID: customerID) else {
            throw InsightError.notFound("There is no gateway '\(gatewayID.prefix(64))' in this customer.")
        }
        return gateway
    }

    private func newGateway(from draft: GatewayDraft, customerID: String) -> Gateway {
        let now = clock.now()
        return Gateway(
            id: UUID(), customerID: customerID, name: draft.name, usecase: draft.usecase, station: draft.station,
            created: now, lastUpdated: now
        )
    }

    private static func problem(in draft: GatewayDraft, prefix: String) -> String? {
        TextFieldRule.problem(in: draft.name, field: prefix + "name")
            ?? TextFieldRule.problem(in: draft.usecase, field: prefix + "usecase")
            ?? TextFieldRule.problem(in: draft.station, field: prefix + "station")
    }
}
