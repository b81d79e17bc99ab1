import InsightCore
import InsightOpenAPI

extension Components.Schemas.JobConfig {
    /// The API shape of a core job config.
    public init(_ config: JobConfig) {
        self.init(
            jobConfigId: config.id.lowercasedString, jobName: config.name, created: config.created.rawValue,
            lastUpdated: config.lastUpdated.rawValue, startBarcode: config.startBarcode, endBarcode: config.endBarcode,
            gatewayIds: config.gatewayIDs.map { $0.lowercasedString }, _class: .jobconfig, version: config.version
        )
    }
}

extension JobConfigDraft {
    /// The core draft of a create body.
    public init(_ body: Components.Schemas.JobConfigCreate) {
        self.init(name: body.jobName, startBarcode: body.startBarcode, endBarcode: body.endBarcode, gatewayIDs: body.gatewayIds)
    }
}

extension Components.Schemas.DeviceConfigMetadata {
    /// The API shape of a device config's metadata.
    public init(_ metadata: DeviceConfigMetadata) {
        self.init(
            id: metadata.id, _class: .deviceConfig, name: metadata.fileName, lastModified: metadata.lastModified.rawValue,
            created: metadata.created.rawValue, fileSize: Int64(metadata.fileSize)
        )
    }
}

extension Components.Schemas.JobAnalysisGatewayJobs {
    /// The API shape of one gateway's jobs.
    public init(_ result: JobAnalysisService.GatewayJobs) {
        self.init(
            gatewayId: result.gatewayID.lowercasedString,
            jobs: result.jobs.map { job in
                .init(startTime: job.start.time.rawValue, endTime: job.end.time.rawValue, startEventId: job.start.eventID, endEventId: job.end.eventID)
            }
        )
    }
}
