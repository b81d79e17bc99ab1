import InsightCore
import InsightOpenAPI
import InsightWireMapping

extension APIHandlers {
    /// Public (`security: []`): no principal.
    func getAuthInformation(_ input: Operations.GetAuthInformation.Input) async throws -> Operations.GetAuthInformation.Output {
        let (customer, information) = try await authInformation.information(forCustomer: input.query.id)
        return .ok(.init(body: .json(.init(customer: customer, information: information))))
    }
}
