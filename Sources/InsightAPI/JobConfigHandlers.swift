import InsightCore
import InsightOpenAPI
import InsightWireMapping

extension APIHandlers {
    func listJobConfigs(_ input: Operations.ListJobConfigs.Input) async throws -> Operations.ListJobConfigs.Output {
        let customerID = input.path.customerId
        let configs = try await jobConfigs.list(try RequestPrincipal.required(), customerID: customerID)
        let entityTag = JobConfig.entityTag(of: configs)
        if let ifNoneMatch = input.headers.ifNoneMatch, EntityTagMatch.matches(ifNoneMatch, entityTag) {
            return .notModified(.init(headers: .init(eTag: entityTag)))
        }
        let list = Components.Schemas.JobConfigList(
            items: configs.map(Components.Schemas.JobConfig.init), links: .init(),
            metadata: .init(description: "Job configs of customer \(customerID)", size: configs.count, filters: [])
        )
        return .ok(.init(headers: .init(eTag: entityTag), body: .json(list)))
    }

    func createJobConfig(_ input: Operations.CreateJobConfig.Input) async throws -> Operations.CreateJobConfig.Output {
        guard case .json(let body) = input.body else { throw InsightError.badRequest("The body must be JSON.") }
        let config = try await jobConfigs.create(try RequestPrincipal.required(), customerID: input.path.customerId, draft: JobConfigDraft(body))
        return .created(.init(body: .json(.init(config))))
    }

    func getJobConfig(_ input: Operations.GetJobConfig.Input) async throws -> Operations.GetJobConfig.Output {
        let config = try await jobConfigs.get(try RequestPrincipal.required(), customerID: input.path.customerId, jobConfigID: input.path.jobConfigId)
        return .ok(.init(body: .json(.init(config))))
    }

    func deleteJobConfig(_ input: Operations.DeleteJobConfig.Input) async throws -> Operations.DeleteJobConfig.Output {
        try await jobConfigs.delete(try RequestPrincipal.required(), customerID: input.path.customerId, jobConfigID: input.path.jobConfigId)
        return .noContent(.init())
    }
}

/// `If-None-Match` against a current entity tag (RFC 9110 §13.1.2, weak comparison).
enum EntityTagMatch {
    /// Whether `header` (`*`, or a comma-separated list of tags, each perhaps `W/`-prefixed) names `current`.
    static func matches(_ header: String, _ current: String) -> Bool {
        let tags = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return tags.contains { $0 == "*" || $0 == current || $0 == "W/\(current)" }
    }
}
