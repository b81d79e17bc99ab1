import Foundation

/// The job analysis use case: for each gateway of a job config, the jobs its scans in a time
/// range delimit (see `JobAnalyzer`), computed on the fly from the stored scans, read in
/// batches per gateway; only the scans that can start or end a job leave the database.
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
        guard let id = UUID(text: jobConfigID), let config = try await store.jobConfig(id: id, customerID: customerID) else {
            throw JobConfigService.notFound(jobConfigID)
        }
        let range = Timestamp(rawValue: start)...Timestamp(rawValue: end)
        let prefixes = [config.startBarcode, config.endBarcode]
        let store = store
        // Gateways are independent: a few at once keep the database and this process both busy.
        return try await config.gatewayIDs.concurrentMap(width: 4) { gatewayID in
            var analyzer = JobAnalyzer(startPrefix: config.startBarcode, endPrefix: config.endBarcode)
            try await Page.forEach({ cursor in
                try await store.scans(customerID: customerID, gatewayID: gatewayID, in: range, codePrefixes: prefixes, after: cursor, limit: 20_000)
            }) { scans in
                for scan in scans { analyzer.add(scan) }
            }
            return GatewayJobs(gatewayID: gatewayID, jobs: analyzer.jobs)
        }
    }
}
