import Foundation

/// The job analysis use case: for each gateway of a job config, the jobs its scans in a time
/// range delimit (see `JobAnalyzer`), computed on the fly from the stored events, read in
/// batches per gateway.
public struct JobAnalysisService: Sendable {
    /// The jobs of one gateway, in time order.
    public struct GatewayJobs: Sendable, Equatable {
        public let gatewayID: UUID
        public let jobs: [JobAnalyzer.Job]
    }

    private let store: any JobConfigStore & EventStore

    public init(store: any JobConfigStore & EventStore) {
        self.store = store
    }

    /// The jobs of every gateway of the job config between `start` and `end` (inclusive, ms), in
    /// the config's gateway order; a gateway without jobs has an empty list.
    ///
    /// - Throws: `badRequest` when `end` is before `start`; `notFound` for an id of no job config
    ///   of the customer.
    public func analyse(_ principal: Principal, customerID: String, jobConfigID: String, start: Int64, end: Int64) async throws -> [GatewayJobs] {
        try principal.authorize(.jobConfigsRead, in: customerID)
        guard end >= start else { throw InsightError.badRequest("end_time (\(end)) is before start_time (\(start)).") }
        guard let id = UUID(uuidString: jobConfigID), let config = try await store.jobConfig(id: id, customerID: customerID) else {
            throw JobConfigService.notFound(jobConfigID)
        }
        var results: [GatewayJobs] = []
        for gatewayID in config.gatewayIDs {
            var analyzer = JobAnalyzer(startPrefix: config.startBarcode, endPrefix: config.endBarcode)
            let query = EventQuery(start: Timestamp(rawValue: start), end: Timestamp(rawValue: end), gatewayID: gatewayID)
            try await store.forEachEventBatch(customerID: customerID, query: query) { events in
                for event in events where event.kind == .scan {
                    guard let code = event.scanCode else { continue }
                    analyzer.add(.init(eventID: event.id.uuidString.lowercased(), time: event.created, code: code))
                }
            }
            results.append(GatewayJobs(gatewayID: gatewayID, jobs: analyzer.jobs))
        }
        return results
    }
}
