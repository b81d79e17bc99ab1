import InsightCore
import InsightOpenAPI
import InsightWireMapping

extension APIHandlers {
    func listGateways(_ input: Operations.ListGateways.Input) async throws -> Operations.ListGateways.Output {
        let customerID = input.path.customerId
        let request = try PageRequest(limit: input.query.limit, nextToken: input.query.nextToken)
        let page = try await gateways.list(try RequestPrincipal.required(), customerID: customerID, page: request)
        let now = clock.now()
        let list = Components.Schemas.GatewayList(
            items: page.items.map { .init($0, at: now) },
            links: .init(next: page.next.map { PageLink.path("/\(customerID)/gateways", limit: input.query.limit, next: $0) }),
            metadata: .init(description: "Gateways of customer \(customerID)", size: page.items.count, filters: PageLink.filters(limit: input.query.limit))
        )
        return .ok(.init(body: .json(try DirectJSONBody.prepare(list))))
    }

    func createGateway(_ input: Operations.CreateGateway.Input) async throws -> Operations.CreateGateway.Output {
        guard case .json(let body) = input.body else { throw InsightError.badRequest("The body must be JSON.") }
        let gateway = try await gateways.create(try RequestPrincipal.required(), customerID: input.path.customerId, draft: GatewayDraft(body))
        return .created(.init(body: .json(.init(gateway, at: clock.now()))))
    }

    func bulkCreateGateways(_ input: Operations.BulkCreateGateways.Input) async throws -> Operations.BulkCreateGateways.Output {
        guard case .json(let body) = input.body else { throw InsightError.badRequest("The body must be JSON.") }
        let created = try await gateways.bulkCreate(
            try RequestPrincipal.required(), customerID: input.path.customerId, drafts: body.gateways.map(GatewayDraft.init),
            idempotencyKey: input.headers.idempotencyKey
        )
        return .created(.init(body: .json(created.map { .init($0, at: clock.now()) })))
    }

    func getGateway(_ input: Operations.GetGateway.Input) async throws -> Operations.GetGateway.Output {
        let gateway = try await gateways.get(try RequestPrincipal.required(), customerID: input.path.customerId, gatewayID: input.path.gatewayId)
        return .ok(.init(body: .json(.init(gateway, at: clock.now()))))
    }

    func updateGateway(_ input: Operations.UpdateGateway.Input) async throws -> Operations.UpdateGateway.Output {
        guard case .json(let body) = input.body else { throw InsightError.badRequest("The body must be JSON.") }
        let gateway = try await gateways.update(
            try RequestPrincipal.required(), customerID: input.path.customerId, gatewayID: input.path.gatewayId,
            patch: GatewayPatch(name: body.name, usecase: body.usecase, station: body.station)
        )
        return .ok(.init(body: .json(.init(gateway, at: clock.now()))))
    }
}
