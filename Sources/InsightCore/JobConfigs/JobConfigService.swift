import Foundation

/// The job-config use cases of the API: create, list (with its entity tag), get and delete.
///
/// Every method checks that the principal may act in `customerID` before it touches the store.
public struct JobConfigService: Sendable {
    /// The most gateways one job config may name.
    public static let maximumGateways = 500

    private let store: any JobConfigStore & GatewayStore
    private let clock: any Clock

    public init(store: any JobConfigStore & GatewayStore, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// Creates a job config.
    ///
    /// - Throws: `badRequest` naming the field (empty or over-long text, control characters, no
    ///   gateways, an id that is no UUID, is repeated, or names no gateway of the customer);
    ///   `conflict` when `job_name` is taken in the customer.
    public func create(_ principal: Principal, customerID: String, draft: JobConfigDraft) async throws -> JobConfig {
        try principal.authorize(.jobConfigsWrite, in: customerID)
        for (value, field) in [(draft.name, "job_name"), (draft.startBarcode, "start_barcode"), (draft.endBarcode, "end_barcode")] {
            if let problem = TextFieldRule.problem(in: value, field: field) { throw InsightError.badRequest(problem) }
        }
        let gatewayIDs = try await existingGateways(draft.gatewayIDs, customerID: customerID)
        let now = clock.now()
        let config = JobConfig(
            id: UUID(), customerID: customerID, name: draft.name, startBarcode: draft.startBarcode, endBarcode: draft.endBarcode,
            gatewayIDs: gatewayIDs, created: now, lastUpdated: now, version: 1
        )
        try await store.insert(config)
        return config
    }

    /// Every job config of the customer, oldest first.
    public func list(_ principal: Principal, customerID: String) async throws -> [JobConfig] {
        try principal.authorize(.jobConfigsRead, in: customerID)
        return try await store.jobConfigs(customerID: customerID)
    }

    /// - Throws: `notFound` for an id of no job config of the customer.
    public func get(_ principal: Principal, customerID: String, jobConfigID: String) async throws -> JobConfig {
        try principal.authorize(.jobConfigsRead, in: customerID)
        guard let id = UUID(text: jobConfigID), let config = try await store.jobConfig(id: id, customerID: customerID) else {
            throw Self.notFound(jobConfigID)
        }
        return config
    }

    /// - Throws: `notFound` for an id of no job config of the customer.
    public func delete(_ principal: Principal, customerID: String, jobConfigID: String) async throws {
        try principal.authorize(.jobConfigsWrite, in: customerID)
        guard let id = UUID(text: jobConfigID), try await store.deleteJobConfig(id: id, customerID: customerID) else {
            throw Self.notFound(jobConfigID)
        }
    }

    static func notFound(_ id: String) -> InsightError {
        InsightError.notFound("There is no job config '\(id.prefix(64))' in this customer.")
    }

    /// `ids` as UUIDs, each of a gateway of the customer, in the order given.
    private func existingGateways(_ ids: [String], customerID: String) async throws -> [UUID] {
        guard !ids.isEmpty else { throw InsightError.badRequest("gateway_ids must name at least one gateway.") }
        guard ids.count <= Self.maximumGateways else {
            throw InsightError.badRequest("gateway_ids holds \(ids.count) ids; at most \(Self.maximumGateways) are allowed.")
        }
        var seen = Set<UUID>()
        let uuids = try ids.enumerated().map { index, text in
            guard let id = UUID(text: text) else { throw InsightError.badRequest("gateway_ids[\(index)] '\(text.prefix(64))' is not a gateway id (a UUID).") }
            guard seen.insert(id).inserted else { throw InsightError.badRequest("gateway_ids[\(index)] repeats '\(text)'.") }
            return id
        }
        let found = try await store.gateways(ids: uuids, customerID: customerID)
        if let index = uuids.firstIndex(where: { found[$0] == nil }) {
            throw InsightError.badRequest("gateway_ids[\(index)] '\(ids[index])' is no gateway of this customer.")
        }
        return uuids
    }
}
