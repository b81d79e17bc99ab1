import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightCore
import InsightTestSupport
import Testing

@Suite("Gateway operations")
struct GatewayAPITests {
    @Test("bulk-create creates all or nothing, naming the bad entry and field", arguments: TestDatabase.allCases)
    func bulkCreateIsAtomic(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)/gateways"
            try await harness.test { client in
                let bad = try await client.send(
                    .post, "\(base)/bulk-create", token: token,
                    json: #"{"gateways":[{"name":"A","usecase":"u","station":"s"},{"name":"B\u0007","usecase":"u","station":"s"}]}"#
                )
                #expect(bad.status == .badRequest)
                #expect(bad.details.contains("gateways[1].name"))

                let missingField = try await client.send(.post, "\(base)/bulk-create", token: token, json: #"{"gateways":[{"name":"A","usecase":"u","station":"s"},{"name":"B","usecase":"u"}]}"#)
                #expect(missingField.status == .badRequest)
                #expect(missingField.details.contains("gateways[1]") && missingField.details.contains("station"))

                let twice = try await client.send(.post, "\(base)/bulk-create", token: token, json: try bulkBody(["A", "B", "A"]))
                #expect(twice.status == .conflict)
                #expect(twice.details.contains("gateways[2].name"))

                let tooMany = try await client.send(.post, "\(base)/bulk-create", token: token, json: try bulkBody((0...500).map { "G\($0)" }))
                #expect(tooMany.status == .badRequest)

                #expect((try await client.send(.get, base, token: token).object["items"] as? [Any])?.count == 0)

                let created = try await client.send(.post, "\(base)/bulk-create", token: token, json: try bulkBody(["A", "B"]))
                #expect(created.status == .created)
                #expect(created.array.map { $0["name"] as? String } == ["A", "B"])
                #expect(created.array.allSatisfy { $0["connectivity_status"] as? String == "NOT_REGISTERED" && $0["class"] as? String == "gateway" })

                let existing = try await client.send(.post, "\(base)/bulk-create", token: token, json: try bulkBody(["C", "B"]))
                #expect(existing.status == .conflict)
                #expect(existing.details.contains("'B'"))
                #expect((try await client.send(.get, base, token: token).object["items"] as? [Any])?.count == 2)
            }
        }
    }

    @Test("bulk-create with an Idempotency-Key: sent again it creates nothing and answers the same gateways", arguments: TestDatabase.allCases)
    func bulkCreateIsIdempotent(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let otherToken = try await harness.token(harness.otherAdmin)
            let base = "/\(harness.admin.customerID)/gateways"
            let otherBase = "/\(harness.otherAdmin.customerID)/gateways"
            let key = HTTPField.Name("Idempotency-Key")!
            try await harness.test { client in
                let first = try await client.send(.post, "\(base)/bulk-create", token: token, json: try bulkBody(["K1", "K2"]), headers: [key: "batch-7-chunk-1"])
                #expect(first.status == .created)
                let again = try await client.send(.post, "\(base)/bulk-create", token: token, json: try bulkBody(["K1", "K2"]), headers: [key: "batch-7-chunk-1"])
                #expect(again.status == .created, "\(again.details)")
                #expect(again.array.map { $0["id"] as? String } == first.array.map { $0["id"] as? String }, "the same gateways, in order")
                #expect((try await client.send(.get, base, token: token).object["items"] as? [Any])?.count == 2)

                let otherBody = try await client.send(.post, "\(base)/bulk-create", token: token, json: try bulkBody(["K3"]), headers: [key: "batch-7-chunk-1"])
                #expect(otherBody.status == .conflict)
                #expect(otherBody.details.contains("Idempotency-Key"), "\(otherBody.details)")
                let withoutKey = try await client.send(.post, "\(base)/bulk-create", token: token, json: try bulkBody(["K1", "K2"]))
                #expect(withoutKey.status == .conflict, "without the key the names are taken")
                let badKey = try await client.send(.post, "\(base)/bulk-create", token: token, json: try bulkBody(["K4"]), headers: [key: "with space"])
                #expect(badKey.status == .badRequest)

                // Keys are per customer: another customer's same key is a request of its own.
                let other = try await client.send(.post, "\(otherBase)/bulk-create", token: otherToken, json: try bulkBody(["K1", "K2"]), headers: [key: "batch-7-chunk-1"])
                #expect(other.status == .created)
                #expect(Set(other.array.compactMap { $0["id"] as? String }).isDisjoint(with: first.array.compactMap { $0["id"] as? String }))
                #expect((try await client.send(.get, base, token: token).object["items"] as? [Any])?.count == 2)
            }
        }
    }

    @Test("create, get and patch: patch changes only the fields given", arguments: TestDatabase.allCases)
    func createGetPatch(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)/gateways"
            try await harness.test { client in
                let created = try await client.send(.post, base, token: token, json: #"{"name":"Gerät 東京 ../x","usecase":"Picking","station":"S1"}"#)
                #expect(created.status == .created)
                let id = try #require(created.object["id"] as? String)
                #expect(created.object["thing_name"] as? String == id)
                let createdAt = try #require(created.object["created"] as? Int64)
                #expect(createdAt > 1_600_000_000_000, "created is in milliseconds")

                #expect(try await client.send(.post, base, token: token, json: #"{"name":"Gerät 東京 ../x","usecase":"u","station":"s"}"#).status == .conflict)
                _ = try await client.send(.post, base, token: token, json: #"{"name":"Other","usecase":"u","station":"s"}"#)

                let patched = try await client.send(.patch, "\(base)/\(id)", token: token, json: #"{"station":"S2"}"#)
                #expect(patched.status == .ok)
                #expect(patched.object["station"] as? String == "S2")
                #expect(patched.object["name"] as? String == "Gerät 東京 ../x")
                #expect(patched.object["usecase"] as? String == "Picking")

                let fetched = try await client.send(.get, "\(base)/\(id)", token: token)
                #expect(fetched.object["station"] as? String == "S2")

                #expect(try await client.send(.patch, "\(base)/\(id)", token: token, json: #"{"name":"Other"}"#).status == .conflict)
                #expect(try await client.send(.patch, "\(base)/\(id)", token: token, json: #"{"name":""}"#).status == .badRequest)
                #expect(try await client.send(.get, "\(base)/\(UUID().uuidString)", token: token).status == .notFound)
                #expect(try await client.send(.get, "\(base)/not-a-uuid", token: token).status == .notFound)
            }
        }
    }

    @Test("listing pages with limit and links.next", arguments: TestDatabase.allCases)
    func paging(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)/gateways"
            try await harness.test { client in
                _ = try await client.send(.post, "\(base)/bulk-create", token: token, json: try bulkBody((0..<7).map { "G\($0)" }))
                var names: [String] = []
                var uri: String? = "\(base)?limit=3"
                while let next = uri {
                    let page = try await client.send(.get, next, token: token)
                    #expect(page.status == .ok)
                    let items = try #require(page.object["items"] as? [[String: Any]])
                    names += items.compactMap { $0["name"] as? String }
                    #expect((page.object["metadata"] as? [String: Any])?["size"] as? Int == items.count)
                    uri = (page.object["links"] as? [String: Any])?["next"] as? String
                }
                #expect(names.sorted() == (0..<7).map { "G\($0)" }.sorted())

                for bad in ["limit=0", "limit=501", "limit=abc", "next_token=garbage"] {
                    let response = try await client.send(.get, "\(base)?\(bad)", token: token)
                    #expect(response.status == .badRequest, "\(bad)")
                }
                let all = try await client.send(.get, base, token: token)
                #expect((all.object["items"] as? [Any])?.count == 7)
                #expect((all.object["links"] as? [String: Any])?["next"] == nil)
            }
        }
    }

    @Test("bad bodies get 400 or 413 with details, never 500")
    func badBodies() async throws {
        try await APIHarness.with(.sqlite) { harness in
            let token = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)/gateways"
            let huge = #"{"gateways":[{"name":""# + String(repeating: "x", count: 1 << 20) + #"","usecase":"u","station":"s"}]}"#
            let cases: [(String, String, HTTPResponse.Status)] = [
                (base, "{not json", .badRequest),
                (base, #"{"name":5,"usecase":"u","station":"s"}"#, .badRequest),
                (base, #"{"usecase":"u","station":"s"}"#, .badRequest),
                (base, "[]", .badRequest),
                ("\(base)/bulk-create", #"{"gateways":{}}"#, .badRequest),
                ("\(base)/bulk-create", #"{"gateways":[]}"#, .badRequest),
                ("\(base)/bulk-create", huge, .contentTooLarge),
            ]
            try await harness.test { client in
                for (path, body, status) in cases {
                    let response = try await client.send(.post, path, token: token, json: body)
                    #expect(response.status == status, "\(body.prefix(40))")
                    #expect(!response.details.isEmpty)
                }
            }
        }
    }

    @Test("CORS: OPTIONS answers 200 anywhere without a token; the OpenAPI document is served")
    func corsAndDocument() async throws {
        try await APIHarness.with(.sqlite) { harness in
            try await harness.test { client in
                for path in ["/c/roles", "/c/users/u", "/auth-information", "/c/create-provisioning-package"] {
                    let response = try await client.send(.options, path)
                    #expect(response.status == .ok)
                    #expect(response.headers[.accessControlAllowMethods]?.contains("PATCH") == true)
                    #expect(response.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
                }
                let document = try await client.send(.get, "/openapi.yaml")
                #expect(document.status == .ok)
                #expect(String(buffer: document.body).contains("operationId: bulkCreateGateways"))
                // An undocumented path is not found, token or not: the document is public anyway.
                #expect(try await client.send(.get, "/nowhere").status == .notFound)
            }
        }
    }

    @Test("connectivity status is derived when read: NOT_REGISTERED, REGISTERING once provisioned, ACTIVE within 2 hours of a message, INACTIVE after", arguments: TestDatabase.allCases)
    func connectivityStatus(database: TestDatabase) async throws {
        let clock = ManualClock()
        try await APIHarness.with(database, clock: clock) { harness in
            let token = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)/gateways"
            try await harness.test { client in
                let ids = try await harness.createGateways(["Provisioned", "Never provisioned"], client: client)
                func status(_ id: String) async throws -> String? {
                    try await client.send(.get, "\(base)/\(id)", token: token).object["connectivity_status"] as? String
                }
                #expect(try await status(ids[0]) == "NOT_REGISTERED")
                #expect(try await client.send(.post, "\(base)/\(ids[0])/prepare-provisioning", token: token).status == .ok)
                #expect(try await status(ids[0]) == "REGISTERING")

                let twoHours = Gateway.activeWindowMillis
                try await harness.ingest(ids.map { scanEvent(gatewayID: $0, created: clock.now().rawValue - 1000) }, clock: clock)
                #expect(try await status(ids[0]) == "ACTIVE")
                #expect(try await status(ids[1]) == "NOT_REGISTERED", "messages do not make a gateway registered")
                clock.advance(millis: twoHours - 1000)
                #expect(try await status(ids[0]) == "ACTIVE", "exactly 2 hours after its message")
                clock.advance(millis: 1)
                #expect(try await status(ids[0]) == "INACTIVE")
                let listed = try await client.send(.get, base, token: token).items
                #expect(listed.first { $0["id"] as? String == ids[0] }?["connectivity_status"] as? String == "INACTIVE")

                // A late, old message does not revive it; a new one does.
                try await harness.ingest([scanEvent(gatewayID: ids[0], created: clock.now().rawValue - 3 * twoHours)], clock: clock)
                #expect(try await status(ids[0]) == "INACTIVE")
                try await harness.ingest([scanEvent(gatewayID: ids[0], created: clock.now().rawValue)], clock: clock)
                #expect(try await status(ids[0]) == "ACTIVE")

                // Provisioning still sees the gateway as provisioned, whatever its status.
                #expect(try await client.send(.post, "\(base)/\(ids[0])/prepare-provisioning", token: token).status == .conflict)
                let patched = try await client.send(.patch, "\(base)/\(ids[0])", token: token, json: #"{"station":"S9"}"#)
                #expect(patched.object["connectivity_status"] as? String == "ACTIVE", "a patch keeps the facts")
            }
        }
    }
}
