import Foundation
import HummingbirdTesting
import InsightClient
import InsightOpenAPI
import InsightTestSupport
import OpenAPIRuntime
import Testing

@Suite("Generated client")
struct GeneratedClientTests {
    @Test("the client generated from openapi.yaml talks to a live server", arguments: TestDatabase.allCases)
    func liveRoundTrip(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let customerID = harness.admin.customerID
            try await harness.app.test(.live) { client in
                let port = try #require(client.port)
                let api = InsightAPIClient.make(serverURL: try #require(URL(string: "http://127.0.0.1:\(port)")), idToken: token)
                let drafts = (0..<3).map { Components.Schemas.GatewayCreate(usecase: "Picking", station: "S\($0)", name: "Client-\($0)") }
                let created = try await api.bulkCreateGateways(path: .init(customerId: customerID), body: .json(.init(gateways: drafts)))
                let gateways = try created.created.body.json
                #expect(gateways.map(\.name) == ["Client-0", "Client-1", "Client-2"])

                let page = try await api.listGateways(path: .init(customerId: customerID), query: .init(limit: 2)).ok.body.json
                #expect(page.items.count == 2)
                #expect(page.links.next != nil)

                let single = try await api.getGateway(path: .init(customerId: customerID, gatewayId: gateways[0].id)).ok.body.json
                #expect(single == gateways[0])

                // Error answers are thrown: the client's middleware turns them into InsightAPIError,
                // which the generated client wraps in a ClientError.
                let thrown = await #expect(throws: ClientError.self) {
                    _ = try await api.createGateway(path: .init(customerId: customerID), body: .json(drafts[0]))
                }
                let apiError = try #require(thrown?.underlyingError as? InsightAPIError)
                #expect(apiError.status == 409)
                #expect(apiError.title == "Conflict")
                #expect(apiError.operationID == "createGateway")
                #expect(apiError.details.contains("Client-0"))
            }
        }
    }
}
