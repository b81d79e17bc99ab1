import InsightCore
import InsightOpenAPI
import InsightWireMapping

extension APIHandlers {
    func listConsents(_ input: Operations.ListConsents.Input) async throws -> Operations.ListConsents.Output {
        let recorded = try await consents.list(
            try RequestPrincipal.required(), customerID: input.path.customerId, type: input.query._type.map(ConsentType.init)
        )
        return .ok(.init(body: .json(.init(recorded))))
    }

    func giveConsents(_ input: Operations.GiveConsents.Input) async throws -> Operations.GiveConsents.Output {
        let given = switch input.body {
        case .json(let body): ConsentsGiven(body)
        case nil: ConsentsGiven()
        }
        try await consents.give(try RequestPrincipal.required(), customerID: input.path.customerId, given: given)
        return .noContent(.init())
    }
}
