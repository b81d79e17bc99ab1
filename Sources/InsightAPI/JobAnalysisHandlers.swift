import InsightCore
import InsightOpenAPI
import InsightWireMapping

extension APIHandlers {
    func runJobAnalysis(_ input: Operations.RunJobAnalysis.Input) async throws -> Operations.RunJobAnalysis.Output {
        guard case .json(let body) = input.body else { throw InsightError.badRequest("The body must be JSON.") }
        let results = try await jobAnalysis.analyse(
            try RequestPrincipal.required(), customerID: input.path.customerId, jobConfigID: body.jobConfigId,
            start: body.startTime, end: body.endTime
        )
        let result = Components.Schemas.JobAnalysisResult(results: results.map(Components.Schemas.JobAnalysisGatewayJobs.init))
        return .ok(.init(body: .json(try DirectJSONBody.prepare(result))))
    }
}
