import InsightCore
import InsightOpenAPI

extension APIHandlers {
    func listAuditEvents(_ input: Operations.ListAuditEvents.Input) async throws -> Operations.ListAuditEvents.Output {
        let customerID = input.path.customerId
        let request = try PageRequest(limit: nil, after: input.query.pageCursor())
        let page = try await auditEvents.list(try RequestPrincipal.required(), customerID: customerID, page: request)
        let list = Components.Schemas.AuditEventList(
            items: page.items.map(Components.Schemas.AuditEvent.init),
            links: .init(next: page.next.map { PageLink.path("/\(customerID)/audit-events", limit: nil, next: $0) }),
            metadata: .init(description: "Audit trail of customer \(customerID)", size: page.items.count, filters: PageLink.filters(limit: nil))
        )
        return .ok(.init(body: .json(list)))
    }
}

extension Components.Schemas.AuditEvent {
    init(_ event: AuditEvent) {
        self.init(
            id: event.id.lowercasedString, created: event.created.rawValue, action: Self.wireForm(of: event.action),
            actorUserId: event.actorUserID, actorEmail: event.actorEmail, target: event.target, clientAddress: event.clientAddress, details: event.details
        )
    }

    static func wireForm(of action: AuditEvent.Action) -> ActionPayload {
        switch action {
        case .gatewayProvisioned: .gateway_provisioned
        case .tokenRedeemed: .token_redeemed
        case .gatewayReissued: .gateway_reissued
        case .userCreated: .user_created
        case .userUpdated: .user_updated
        case .userDeleted: .user_deleted
        }
    }
}
