/// What a login page needs to authenticate a customer's users, in the terms of an AWS Cognito
/// user pool (`GET /auth-information`). The same for every customer of one server: it describes
/// the issuer the server trusts.
public struct AuthInformation: Sendable, Equatable {
    public let region: String
    public let userPoolID: String
    public let userPoolClientID: String

    public init(region: String, userPoolID: String, userPoolClientID: String) {
        self.region = region
        self.userPoolID = userPoolID
        self.userPoolClientID = userPoolClientID
    }

    /// The values of an external issuer `issuer` with app client `audience`: a Cognito issuer
    /// (`https://cognito-idp.<region>.amazonaws.com/<pool id>`) gives its region and pool id;
    /// any other issuer gives the region `external` and itself as the pool id.
    public static func external(issuer: String, audience: String) -> AuthInformation {
        let prefix = "https://cognito-idp.", infix = ".amazonaws.com/"
        if issuer.hasPrefix(prefix), let infixRange = issuer.range(of: infix) {
            let region = issuer[issuer.index(issuer.startIndex, offsetBy: prefix.count)..<infixRange.lowerBound]
            let pool = issuer[infixRange.upperBound...]
            if !region.isEmpty, !pool.isEmpty, !pool.contains("/") {
                return AuthInformation(region: String(region), userPoolID: String(pool), userPoolClientID: audience)
            }
        }
        return AuthInformation(region: "external", userPoolID: issuer, userPoolClientID: audience)
    }
}

/// `GET /auth-information?id=<customer id>`: public, so it reveals nothing but whether the customer exists.
public struct AuthInformationService: Sendable {
    private let customers: any CustomerStore
    private let information: AuthInformation

    public init(customers: any CustomerStore, information: AuthInformation) {
        self.customers = customers
        self.information = information
    }

    /// The login information for the customer with id `customerID`.
    ///
    /// - Throws: `notFound` for an unknown customer.
    public func information(forCustomer customerID: String) async throws -> (customer: Customer, information: AuthInformation) {
        guard let customer = try await customers.customer(id: customerID) else {
            throw InsightError.notFound("Customer details not found for '\(customerID.prefix(64))'.")
        }
        return (customer, information)
    }
}
