import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightTestSupport
import Testing

/// What an outside probe and schemathesis found where the document and the server disagreed.
@Suite("The contract is exact")
struct ContractTests {
    @Test("control and bidirectional control characters are refused in every free-text field, naming it", arguments: TestDatabase.allCases)
    func bidirectionalControls(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let id = try #require(try await client.createGateways(["Dock"], customer: customer, token: token)["Dock"])
                let attempts: [(HTTPRequest.Method, String, String, String)] = [
                    (.post, "/\(customer)/gateways", #"{"name":"invoice\u202Egpj.exe","usecase":"u","station":"s"}"#, "name"),
                    (.post, "/\(customer)/gateways/bulk-create", #"{"gateways":[{"name":"A","usecase":"u","station":"s\u2066x"}]}"#, "gateways[0].station"),
                    (.patch, "/\(customer)/gateways/\(id)", #"{"usecase":"\u200Fpick"}"#, "usecase"),
                    (.post, "/\(customer)/job-configs", try jsonText(["job_name": "J\u{061C}", "start_barcode": "S", "end_barcode": "E", "gateway_ids": [id]]), "job_name"),
                    (.post, "/\(customer)/create-provisioning-package", try jsonText(["gateways": [["gateway_id": id]], "wifi": ["ssid": "Net\u{202E}"]]), "wifi.ssid"),
                    (.post, "/\(customer)/gateways", #"{"name":" \u00A0\u3000","usecase":"u","station":"s"}"#, "name"),
                ]
                for (method, path, json, field) in attempts {
                    let response = try await client.send(method, path, token: token, json: json)
                    #expect(response.status == .badRequest, "\(json)")
                    #expect(response.details.contains(field), "\(response.details)")
                }
                let gateway = try await client.send(.get, "/\(customer)/gateways/\(id)", token: token).object
                #expect(gateway["usecase"] as? String == "Picking")
                #expect(gateway["connectivity_status"] as? String == "NOT_REGISTERED")
                // 256 code points are allowed even where they form fewer characters; 257 are not.
                let combining = String(repeating: "e\u{301}", count: 128)
                #expect(try await client.send(.post, "/\(customer)/gateways", token: token, json: try jsonText(["name": combining, "usecase": "u", "station": "s"])).status == .created)
                #expect(try await client.send(.post, "/\(customer)/gateways", token: token, json: try jsonText(["name": combining + "x", "usecase": "u", "station": "s"])).status == .badRequest)
            }
        }
    }

    @Test("WiFi: the authentication type is one of the document's, and an SSID is required", arguments: TestDatabase.allCases)
    func wifiCredentials(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let id = try #require(try await client.createGateways(["Dock"], customer: customer, token: token)["Dock"])
                let path = "/\(customer)/create-provisioning-package"
                for wifi in [["ssid": "Net", "authentication_type": "X;S:inj;"], ["password": "p"], [:]] as [[String: String]] {
                    let body = try jsonText(["gateways": [["gateway_id": id]], "wifi": wifi, "package_password": "pw"])
                    let response = try await client.send(.post, path, token: token, json: body)
                    #expect(response.status == .badRequest, "\(wifi)")
                    #expect(response.details.contains("wifi"), "\(response.details)")
                }
                #expect(try await client.status(of: id, customer: customer, token: token) == "NOT_REGISTERED")
                let packaged = try await client.send(.post, path, token: token, json: try jsonText(["gateways": [["gateway_id": id]], "wifi": ["ssid": "Net", "authentication_type": "nopass"]]))
                #expect(packaged.status == .ok, "\(packaged.details)")
                let reissue = try await client.send(.post, "/\(customer)/gateways/\(id)/reissue", token: token, json: #"{"wifi":{}}"#)
                #expect(reissue.status == .badRequest)
                #expect(reissue.details.contains("ssid"))
            }
        }
    }

    @Test("PATCH: a field given as null is left unchanged, as the document's nullable fields say", arguments: TestDatabase.allCases)
    func nullFields(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let id = try #require(try await client.createGateways(["Dock"], customer: customer, token: token)["Dock"])
                let patched = try await client.send(.patch, "/\(customer)/gateways/\(id)", token: token, json: #"{"name":null,"station":"S9","usecase":null}"#)
                #expect(patched.status == .ok)
                #expect(patched.object["name"] as? String == "Dock")
                #expect(patched.object["station"] as? String == "S9")
                #expect(patched.object["usecase"] as? String == "Picking")
            }
        }
    }

    @Test("every token of the next_token form is a position: nothing well-formed is refused", arguments: TestDatabase.allCases)
    func pageTokens(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)/gateways"
            try await harness.test { client in
                _ = try await client.createGateways(["A", "B", "C"], customer: harness.admin.customerID, token: token)
                let beforeAll = try await client.send(.get, "\(base)?limit=2&next_token=0_30", token: token)
                #expect(beforeAll.status == .ok)
                #expect((beforeAll.object["items"] as? [[String: Any]])?.count == 2)
                let next = try #require((beforeAll.object["links"] as? [String: Any])?["next"] as? String)
                #expect(next.range(of: #"next_token=[0-9]+_([0-9a-f]{2}){36}(&|$)"#, options: .regularExpression) != nil)
                let rest = try await client.send(.get, next, token: token)
                let names = ((beforeAll.object["items"] as? [[String: Any]]) ?? []) + ((rest.object["items"] as? [[String: Any]]) ?? [])
                #expect(names.compactMap { $0["name"] as? String }.sorted() == ["A", "B", "C"])
                let pastEnd = try await client.send(.get, "\(base)?next_token=999999999999999999_ff", token: token)
                #expect(pastEnd.status == .ok)
                #expect((pastEnd.object["items"] as? [Any])?.isEmpty == true)
                #expect((pastEnd.object["links"] as? [String: Any])?["next"] == nil)
                for malformed in ["garbage", "1_AB", "-1_30", "01_30", "1_3", "1_", "1_zz", "djE6MTIzOjA"] {
                    let response = try await client.send(.get, "\(base)?next_token=\(malformed)", token: token)
                    #expect(response.status == .badRequest, "\(malformed)")
                    #expect(response.details.contains("next_token"))
                }
            }
        }
    }

    @Test("Idempotency-Key arrives as sent, not percent-decoded by the OpenAPI runtime", arguments: [TestDatabase.sqlite])
    func verbatimIdempotencyKey(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let path = "/\(harness.admin.customerID)/gateways/bulk-create"
            try await harness.test { client in
                let first = try await client.send(.post, path, token: token, json: try bulkBody(["A"]), headers: [HTTPField.Name("Idempotency-Key")!: "key%41%B"])
                #expect(first.status == .created, "\(first.details)")
                let replay = try await client.send(.post, path, token: token, json: try bulkBody(["A"]), headers: [HTTPField.Name("Idempotency-Key")!: "key%41%B"])
                #expect(replay.status == .created && replay.array.first?["id"] as? String == first.array.first?["id"] as? String)
                let decoded = try await client.send(.post, path, token: token, json: try bulkBody(["A"]), headers: [HTTPField.Name("Idempotency-Key")!: "keyA%B"])
                #expect(decoded.status == .conflict, "another key: the name A is taken")
            }
        }
    }
}
