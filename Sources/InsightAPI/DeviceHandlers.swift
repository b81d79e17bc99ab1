import InsightCore
import InsightOpenAPI
import InsightWireMapping

extension APIHandlers {
    func listDevices(_ input: Operations.ListDevices.Input) async throws -> Operations.ListDevices.Output {
        let customerID = input.path.customerId
        let request = try PageRequest(limit: input.query.limit, nextToken: input.query.nextToken)
        let page = try await devices.list(try RequestPrincipal.required(), customerID: customerID, page: request)
        let list = Components.Schemas.DeviceList(
            items: page.items.map(Components.Schemas.Device.init),
            links: .init(next: page.next.map { PageLink.path("/\(customerID)/devices", limit: input.query.limit, next: $0) }),
            metadata: .init(description: "Devices of customer \(customerID)", size: page.items.count, filters: PageLink.filters(limit: input.query.limit))
        )
        return .ok(.init(body: .json(try DirectJSONBody.prepare(list))))
    }

    func updateDevice(_ input: Operations.UpdateDevice.Input) async throws -> Operations.UpdateDevice.Output {
        guard case .json(let body) = input.body else { throw InsightError.badRequest("The body must be JSON.") }
        let device = try await devices.setStatus(
            try RequestPrincipal.required(), customerID: input.path.customerId, deviceID: input.path.deviceId, status: Device.Status(body.status)
        )
        return .ok(.init(body: .json(.init(device))))
    }
}
