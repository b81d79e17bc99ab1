import Foundation
import InsightCore
import InsightOpenAPI
import InsightWireMapping
import OpenAPIRuntime

extension APIHandlers {
    func listDeviceConfigs(_ input: Operations.ListDeviceConfigs.Input) async throws -> Operations.ListDeviceConfigs.Output {
        let configs = try await deviceConfigs.list(try RequestPrincipal.required(), customerID: input.path.customerId)
        return .ok(.init(body: .json(.init(configs: configs.map(Components.Schemas.DeviceConfigMetadata.init)))))
    }

    func putDeviceConfig(_ input: Operations.PutDeviceConfig.Input) async throws -> Operations.PutDeviceConfig.Output {
        let data: Data = if case .binary(let body) = input.body { try await Data(collecting: body, upTo: DeviceConfigService.maximumFileSize) } else { Data() }
        let metadata = try await deviceConfigs.put(
            try RequestPrincipal.required(), customerID: input.path.customerId, id: input.path.deviceConfigId,
            fileName: input.headers.fileName, data: data
        )
        return .ok(.init(body: .json(.init(metadata))))
    }

    func getDeviceConfig(_ input: Operations.GetDeviceConfig.Input) async throws -> Operations.GetDeviceConfig.Output {
        let config = try await deviceConfigs.get(try RequestPrincipal.required(), customerID: input.path.customerId, id: input.path.deviceConfigId)
        let headers = Operations.GetDeviceConfig.Output.Ok.Headers(contentDisposition: ContentDisposition.attachment(fileName: config.metadata.fileName))
        let body = HTTPBody(config.data)
        switch ContentNegotiation.preferred(input.headers.accept, among: [.binary, .plainText]) {
        case .plainText: return .ok(.init(headers: headers, body: .plainText(body)))
        default: return .ok(.init(headers: headers, body: .binary(body)))
        }
    }

    func deleteDeviceConfig(_ input: Operations.DeleteDeviceConfig.Input) async throws -> Operations.DeleteDeviceConfig.Output {
        try await deviceConfigs.delete(try RequestPrincipal.required(), customerID: input.path.customerId, id: input.path.deviceConfigId)
        return .noContent(.init())
    }
}

/// `Content-Disposition: attachment` naming a file whose name may hold any Unicode (RFC 6266).
enum ContentDisposition {
    /// An ASCII `filename` (other characters, quotes and backslashes as `_`) and the exact name as
    /// UTF-8 `filename*`.
    static func attachment(fileName: String) -> String {
        let ascii = String(fileName.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let exact = fileName.addingPercentEncoding(withAllowedCharacters: .rfc5987AttributeCharacters) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(exact)"
    }
}

extension CharacterSet {
    /// RFC 5987 `attr-char`: what a `filename*` value holds unencoded.
    static let rfc5987AttributeCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~")
}
