import InsightCore
import InsightOpenAPI

/// Documented operations whose use cases are not built yet: they answer 501, never the router's
/// 404 (which on the seed means "this thing does not exist"). Each moves to its area's handler
/// file when its use case exists; this file goes when it is empty.
extension APIHandlers {
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

    func listRoles(_ input: Operations.ListRoles.Input) async throws -> Operations.ListRoles.Output {
        throw InsightError.notImplemented("listRoles is not implemented yet.")
    }

    func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        throw InsightError.notImplemented("getMe is not implemented yet.")
    }

    func listUsers(_ input: Operations.ListUsers.Input) async throws -> Operations.ListUsers.Output {
        throw InsightError.notImplemented("listUsers is not implemented yet.")
    }

    func createUser(_ input: Operations.CreateUser.Input) async throws -> Operations.CreateUser.Output {
        throw InsightError.notImplemented("createUser is not implemented yet.")
    }

    func getUser(_ input: Operations.GetUser.Input) async throws -> Operations.GetUser.Output {
        throw InsightError.notImplemented("getUser is not implemented yet.")
    }

    func updateUser(_ input: Operations.UpdateUser.Input) async throws -> Operations.UpdateUser.Output {
        throw InsightError.notImplemented("updateUser is not implemented yet.")
    }

    func deleteUser(_ input: Operations.DeleteUser.Input) async throws -> Operations.DeleteUser.Output {
        throw InsightError.notImplemented("deleteUser is not implemented yet.")
    }

    func listConsents(_ input: Operations.ListConsents.Input) async throws -> Operations.ListConsents.Output {
        throw InsightError.notImplemented("listConsents is not implemented yet.")
    }

    func giveConsents(_ input: Operations.GiveConsents.Input) async throws -> Operations.GiveConsents.Output {
        throw InsightError.notImplemented("giveConsents is not implemented yet.")
    }

    func getAuthInformation(_ input: Operations.GetAuthInformation.Input) async throws -> Operations.GetAuthInformation.Output {
        throw InsightError.notImplemented("getAuthInformation is not implemented yet.")
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
