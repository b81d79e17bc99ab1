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

    func listDevices(_ input: Operations.ListDevices.Input) async throws -> Operations.ListDevices.Output {
        throw InsightError.notImplemented("listDevices is not implemented yet.")
    }

    func updateDevice(_ input: Operations.UpdateDevice.Input) async throws -> Operations.UpdateDevice.Output {
        throw InsightError.notImplemented("updateDevice is not implemented yet.")
    }

    func downloadEventExport(_ input: Operations.DownloadEventExport.Input) async throws -> Operations.DownloadEventExport.Output {
        throw InsightError.notImplemented("downloadEventExport is not implemented yet.")
    }
}
