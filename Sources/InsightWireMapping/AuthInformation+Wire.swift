import InsightCore
import InsightOpenAPI

extension Components.Schemas.AuthInformation {
    public init(customer: Customer, information: AuthInformation) {
        self.init(
            region: information.region, customerId: customer.id, userPoolClientId: information.userPoolClientID,
            userPoolId: information.userPoolID
        )
    }
}
