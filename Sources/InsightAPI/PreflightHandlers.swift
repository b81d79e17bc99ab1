import InsightOpenAPI

/// The seed's "CORS support" operations. `CORSMiddleware` answers every `OPTIONS` before routing
/// (200, the three `Access-Control-Allow-*` headers, no body, no token), so these are reached
/// only if that middleware is removed; they answer the same.
extension APIHandlers {
    func corsCreateProvisioningPackage(_ input: Operations.CorsCreateProvisioningPackage.Input) async throws -> Operations.CorsCreateProvisioningPackage.Output { .ok(.init()) }
    func corsEventExportTask(_ input: Operations.CorsEventExportTask.Input) async throws -> Operations.CorsEventExportTask.Output { .ok(.init()) }
    func corsGenerateDownloadUrl(_ input: Operations.CorsGenerateDownloadUrl.Input) async throws -> Operations.CorsGenerateDownloadUrl.Output { .ok(.init()) }
    func corsJobAnalysis(_ input: Operations.CorsJobAnalysis.Input) async throws -> Operations.CorsJobAnalysis.Output { .ok(.init()) }
    func corsRoles(_ input: Operations.CorsRoles.Input) async throws -> Operations.CorsRoles.Output { .ok(.init()) }
    func corsUser(_ input: Operations.CorsUser.Input) async throws -> Operations.CorsUser.Output { .ok(.init()) }
    func corsConsents(_ input: Operations.CorsConsents.Input) async throws -> Operations.CorsConsents.Output { .ok(.init()) }
    func corsAuthInformation(_ input: Operations.CorsAuthInformation.Input) async throws -> Operations.CorsAuthInformation.Output { .ok(.init()) }
    func corsDevice(_ input: Operations.CorsDevice.Input) async throws -> Operations.CorsDevice.Output { .ok(.init()) }
    func corsDeviceConfig(_ input: Operations.CorsDeviceConfig.Input) async throws -> Operations.CorsDeviceConfig.Output { .ok(.init()) }
}
