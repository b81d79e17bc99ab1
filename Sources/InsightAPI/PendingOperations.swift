import InsightCore
import InsightOpenAPI

/// Documented operations whose use cases are not built yet: they answer 501, never the router's
/// 404 (which on the seed means "this thing does not exist"). Each moves to its area's handler
/// file when its use case exists; this file goes when it is empty.
extension APIHandlers {
    func listEvents(_ input: Operations.ListEvents.Input) async throws -> Operations.ListEvents.Output {
        throw InsightError.notImplemented("listEvents is not implemented yet.")
    }

    func exportEvents(_ input: Operations.ExportEvents.Input) async throws -> Operations.ExportEvents.Output {
        throw InsightError.notImplemented("exportEvents is not implemented yet.")
    }

    func createEventExportTask(_ input: Operations.CreateEventExportTask.Input) async throws -> Operations.CreateEventExportTask.Output {
        throw InsightError.notImplemented("createEventExportTask is not implemented yet.")
    }

    func getEventExportTask(_ input: Operations.GetEventExportTask.Input) async throws -> Operations.GetEventExportTask.Output {
        throw InsightError.notImplemented("getEventExportTask is not implemented yet.")
    }

    func runJobAnalysis(_ input: Operations.RunJobAnalysis.Input) async throws -> Operations.RunJobAnalysis.Output {
        throw InsightError.notImplemented("runJobAnalysis is not implemented yet.")
    }

    func listJobConfigs(_ input: Operations.ListJobConfigs.Input) async throws -> Operations.ListJobConfigs.Output {
        throw InsightError.notImplemented("listJobConfigs is not implemented yet.")
    }

    func createJobConfig(_ input: Operations.CreateJobConfig.Input) async throws -> Operations.CreateJobConfig.Output {
        throw InsightError.notImplemented("createJobConfig is not implemented yet.")
    }

    func getJobConfig(_ input: Operations.GetJobConfig.Input) async throws -> Operations.GetJobConfig.Output {
        throw InsightError.notImplemented("getJobConfig is not implemented yet.")
    }

    func deleteJobConfig(_ input: Operations.DeleteJobConfig.Input) async throws -> Operations.DeleteJobConfig.Output {
        throw InsightError.notImplemented("deleteJobConfig is not implemented yet.")
    }

    func listDevices(_ input: Operations.ListDevices.Input) async throws -> Operations.ListDevices.Output {
        throw InsightError.notImplemented("listDevices is not implemented yet.")
    }

    func updateDevice(_ input: Operations.UpdateDevice.Input) async throws -> Operations.UpdateDevice.Output {
        throw InsightError.notImplemented("updateDevice is not implemented yet.")
    }

    func listDeviceConfigs(_ input: Operations.ListDeviceConfigs.Input) async throws -> Operations.ListDeviceConfigs.Output {
        throw InsightError.notImplemented("listDeviceConfigs is not implemented yet.")
    }

    func getDeviceConfig(_ input: Operations.GetDeviceConfig.Input) async throws -> Operations.GetDeviceConfig.Output {
        throw InsightError.notImplemented("getDeviceConfig is not implemented yet.")
    }

    func putDeviceConfig(_ input: Operations.PutDeviceConfig.Input) async throws -> Operations.PutDeviceConfig.Output {
        throw InsightError.notImplemented("putDeviceConfig is not implemented yet.")
    }

    func deleteDeviceConfig(_ input: Operations.DeleteDeviceConfig.Input) async throws -> Operations.DeleteDeviceConfig.Output {
        throw InsightError.notImplemented("deleteDeviceConfig is not implemented yet.")
    }
}
