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

    func downloadEventExport(_ input: Operations.DownloadEventExport.Input) async throws -> Operations.DownloadEventExport.Output {
        throw InsightError.notImplemented("downloadEventExport is not implemented yet.")
    }
}
