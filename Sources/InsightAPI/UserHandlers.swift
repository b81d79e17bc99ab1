import InsightCore
import InsightOpenAPI
import InsightWireMapping

extension APIHandlers {
    func listRoles(_ input: Operations.ListRoles.Input) async throws -> Operations.ListRoles.Output {
        let customerID = input.path.customerId
        // Both roles fit on the first page; a page token is checked all the same.
        _ = try input.query.pageCursor()
        let roles = try users.roles(try RequestPrincipal.required(), customerID: customerID)
        let list = Components.Schemas.RoleList(
            items: roles.map(Components.Schemas.Role.init),
            links: .init(next: nil),
            metadata: .init(description: "Roles of customer \(customerID)", size: roles.count, filters: [])
        )
        return .ok(.init(body: .json(list)))
    }

    func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        let me = try await users.me(try RequestPrincipal.required(), customerID: input.path.customerId)
        return .ok(.init(body: .json(.init(me))))
    }

    func listUsers(_ input: Operations.ListUsers.Input) async throws -> Operations.ListUsers.Output {
        let customerID = input.path.customerId
        let request = try PageRequest(limit: nil, after: input.query.pageCursor())
        let page = try await users.list(try RequestPrincipal.required(), customerID: customerID, page: request)
        let list = Components.Schemas.UserList(
            items: page.items.map(Components.Schemas.User.init),
            links: .init(next: page.next.map { PageLink.path("/\(customerID)/users", limit: nil, next: $0) }),
            metadata: .init(description: "Users of customer \(customerID)", size: page.items.count, filters: PageLink.filters(limit: nil))
        )
        return .ok(.init(body: .json(try DirectJSONBody.prepare(list))))
    }

    func createUser(_ input: Operations.CreateUser.Input) async throws -> Operations.CreateUser.Output {
        guard case .json(let body) = input.body else { throw InsightError.badRequest("The body must be JSON.") }
        let user = try await users.create(try RequestPrincipal.required(), customerID: input.path.customerId, draft: UserDraft(body))
        await audit.record(
            .userCreated, customerID: input.path.customerId, targets: [AuditEvent.user(user.user.id)],
            details: "\(user.user.email), \(user.user.roles.map(\.rawValue).sorted().joined(separator: ", "))"
        )
        return .ok(.init(body: .json(.init(user))))
    }

    func getUser(_ input: Operations.GetUser.Input) async throws -> Operations.GetUser.Output {
        let user = try await users.get(try RequestPrincipal.required(), customerID: input.path.customerId, userID: input.path.userId)
        return .ok(.init(body: .json(.init(user))))
    }

    func updateUser(_ input: Operations.UpdateUser.Input) async throws -> Operations.UpdateUser.Output {
        guard case .json(let body) = input.body else { throw InsightError.badRequest("The body must be JSON.") }
        let patch = try UserPatch(body)
        try await users.update(try RequestPrincipal.required(), customerID: input.path.customerId, userID: input.path.userId, patch: patch)
        await audit.record(.userUpdated, customerID: input.path.customerId, targets: [AuditEvent.user(input.path.userId)], details: patch.auditSummary)
        return .noContent(.init())
    }

    func deleteUser(_ input: Operations.DeleteUser.Input) async throws -> Operations.DeleteUser.Output {
        try await users.delete(try RequestPrincipal.required(), customerID: input.path.customerId, userID: input.path.userId)
        await audit.record(.userDeleted, customerID: input.path.customerId, targets: [AuditEvent.user(input.path.userId)])
        return .noContent(.init())
    }
}
