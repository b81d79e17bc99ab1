import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightCore
import InsightTestSupport
import Testing

/// The audit trail an administrator reads: who provisioned, redeemed and reissued which gateway,
/// and who changed which user, in order, for their customer only.
@Suite("Audit trail") struct AuditTrailTests {
    @Test("provisioning, redemption, reissue and user changes are listed in order with actor and target; readers and other customers are refused", arguments: TestDatabase.allCases)
    func listsWhoDidWhat(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let ids = try await client.createGateways(["Audit-1", "Audit-2"], customer: customer, token: admin)
                let one = try #require(ids["Audit-1"]), two = try #require(ids["Audit-2"])
                let packages = try await client.send(.post, "/\(customer)/create-provisioning-package", token: admin, json: try jsonText(["gateways": [["gateway_id": one]]]))
                try #require(packages.status == .ok)
                let prepared = try await client.send(.post, "/\(customer)/gateways/\(two)/prepare-provisioning", token: admin)
                #expect(try await client.redeem(try #require(prepared.object["token"] as? String)).status == .ok)
                #expect(try await client.send(.post, "/\(customer)/gateways/\(two)/reissue", token: admin).status == .ok)
                let created = try await client.send(.post, "/\(customer)/users", token: admin, json: #"{"email":"temp@a.example","first_name":"T","last_name":"U","role":"USER_ROLE"}"#)
                let userID = try #require(created.object["id"] as? String)
                #expect(try await client.send(.patch, "/\(customer)/users/\(userID)", token: admin, json: #"{"role":"ADMIN_ROLE"}"#).status == .noContent)
                #expect(try await client.send(.delete, "/\(customer)/users/\(userID)", token: admin).status == .noContent)

                let trail = try await client.send(.get, "/\(customer)/audit-events", token: admin)
                try #require(trail.status == .ok, "\(trail.details)")
                let items = try #require(trail.object["items"] as? [[String: Any]])
                let rows = items.map { [$0["action"] as? String, $0["target"] as? String, $0["actor_email"] as? String] }
                #expect(rows == [
                    ["gateway.provisioned", "gateway \(one)", "admin@a.example"],
                    ["gateway.provisioned", "gateway \(two)", "admin@a.example"],
                    ["token.redeemed", "gateway \(two)", nil],
                    ["gateway.reissued", "gateway \(two)", "admin@a.example"],
                    ["user.created", "user \(userID)", "admin@a.example"],
                    ["user.updated", "user \(userID)", "admin@a.example"],
                    ["user.deleted", "user \(userID)", "admin@a.example"],
                ])
                #expect((items[3]["details"] as? String)?.hasPrefix("revoked ") == true)
                #expect(items[5]["details"] as? String == "role ADMIN_ROLE")
                let text = String(buffer: trail.body)
                #expect(!text.contains(try #require(prepared.object["token"] as? String)), "no token in the trail")

                let reader = try await harness.token(harness.reader)
                #expect(try await client.send(.get, "/\(customer)/audit-events", token: reader).status == .forbidden)
                let other = try await harness.token(harness.otherAdmin)
                #expect(try await client.send(.get, "/\(customer)/audit-events", token: other).status == .forbidden)
                let own = try await client.send(.get, "/\(harness.otherAdmin.customerID)/audit-events", token: other)
                #expect((own.object["items"] as? [Any])?.isEmpty == true)
            }
        }
    }

    @Test("an entry names the address the request came from")
    func namesTheClientAddress() async throws {
        try await withListeningServer { port, harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            let base = "http://127.0.0.1:\(port)/\(customer)"
            let created = try await runToolOffThePool("curl", [
                "-sS", "-H", "Authorization: \(admin)", "-H", "Content-Type: application/json",
                "--data", #"{"email":"addr@a.example","first_name":"A","last_name":"B","role":"USER_ROLE"}"#, "\(base)/users",
            ])
            #expect(created.stdoutText.contains("addr@a.example"), "\(created.stdoutText)\(created.stderrText)")
            let trail = try await runToolOffThePool("curl", ["-sS", "-H", "Authorization: \(admin)", "\(base)/audit-events"])
            let items = try #require((try JSONSerialization.jsonObject(with: trail.stdout) as? [String: Any])?["items"] as? [[String: Any]])
            #expect(items.last?["client_address"] as? String == "127.0.0.1")
        }
    }
}
