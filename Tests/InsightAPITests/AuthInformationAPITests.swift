import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightAuth
import InsightCore
import InsightTestSupport
import Testing

@Suite("Auth information")
struct AuthInformationAPITests {
    @Test("public: the built-in issuer's values for a known customer, 404 for an unknown one, 400 without id", arguments: TestDatabase.allCases)
    func builtInIssuer(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            try await harness.test { client in
                let known = try await client.send(.get, "/auth-information?id=\(harness.admin.customerID)")
                #expect(known.status == .ok)
                #expect(known.object as NSDictionary == [
                    "region": "local", "customer_id": harness.admin.customerID, "user_pool_id": TokenIssuer.issuerName,
                    "user_pool_client_id": TokenIssuer.audience,
                ] as NSDictionary)
                #expect(known.headers[.accessControlAllowOrigin] == "*")

                let unknown = try await client.send(.get, "/auth-information?id=\(UUID().uuidString)")
                #expect(unknown.status == .notFound)
                #expect(unknown.object["title"] as? String == "Not Found")
                #expect(try await client.send(.get, "/auth-information?id=").status == .notFound)
                let missing = try await client.send(.get, "/auth-information")
                #expect(missing.status == .badRequest)
                #expect(missing.details.contains("id"))
            }
        }
    }

    @Test("an external issuer: a Cognito issuer URL gives region and pool id, any other issuer itself")
    func externalIssuer() {
        #expect(AuthInformation.external(issuer: "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbC123", audience: "client-1")
            == AuthInformation(region: "eu-central-1", userPoolID: "eu-central-1_AbC123", userPoolClientID: "client-1"))
        #expect(AuthInformation.external(issuer: "https://login.example/realms/insight", audience: "web")
            == AuthInformation(region: "external", userPoolID: "https://login.example/realms/insight", userPoolClientID: "web"))
    }
}
