import Foundation
import InsightCore
import InsightOpenAPI
import OpenAPIRuntime

extension APIHandlers {
    func exportEvents(_ input: Operations.ExportEvents.Input) async throws -> Operations.ExportEvents.Output {
        let link = try await exports.exportNow(
            try RequestPrincipal.required(), customerID: input.path.customerId,
            start: input.query.startTimeMillis, end: input.query.endTimeMillis
        )
        return .created(.init(body: .json(.init(downloadLink: link))))
    }

    func createEventExportTask(_ input: Operations.CreateEventExportTask.Input) async throws -> Operations.CreateEventExportTask.Output {
        let task = try await exports.requestExport(
            try RequestPrincipal.required(), customerID: input.path.customerId,
            start: input.query.startTimeMillis, end: input.query.endTimeMillis
        )
        return .accepted(.init(body: .json(.init(task: task.id.lowercasedString, requested: task.requested.date))))
    }

    func getEventExportTask(_ input: Operations.GetEventExportTask.Input) async throws -> Operations.GetEventExportTask.Output {
        let (task, link) = try await exports.task(try RequestPrincipal.required(), customerID: input.path.customerId, taskID: input.path.task)
        let status: Components.Schemas.EventExportTaskStatus.StatusPayload = switch task.status {
        case .pending, .running: .pending
        case .successful: .successful
        case .failed: .failed
        }
        return .ok(.init(body: .json(.init(
            task: task.id.lowercasedString, completed: status != .pending, status: status, downloadLink: link
        ))))
    }

    func downloadEventExport(_ input: Operations.DownloadEventExport.Input) async throws -> Operations.DownloadEventExport.Output {
        let (export, parts) = try await exports.download(exportID: input.path.exportId, expires: input.query.expires, signature: input.query.signature)
        return .ok(.init(
            headers: .init(contentDisposition: ContentDisposition.attachment(fileName: export.fileName)),
            body: .csv(HTTPBody(parts, length: .known(export.byteCount), iterationBehavior: .single))
        ))
    }
}
