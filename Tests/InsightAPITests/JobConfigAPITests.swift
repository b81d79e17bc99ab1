import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightCore
import InsightTestSupport
import Testing

@Suite("Job config operations")
struct JobConfigAPITests {
    /// A create body for `gatewayIDs`.
    static func body(name: String, gatewayIDs: [String], start: String = "JOB-START", end: String = "JOB-END") throws -> String {
        let object: [String: Any] = ["job_name": name, "start_barcode": start, "end_barcode": end, "gateway_ids": gatewayIDs]
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test("create, get, list with an ETag that changes with the list, If-None-Match 304, delete", arguments: TestDatabase.allCases)
    func lifecycle(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)"
            try await harness.test { client in
                let gatewayIDs = try await harness.createGateways(["G1", "G2"], client: client)
                let empty = try await client.send(.get, "\(base)/job-configs", token: token)
                #expect(empty.status == .ok)
                let emptyTag = try #require(empty.headers[.eTag])
                #expect(emptyTag.range(of: #"^"[0-9a-f]{24}"$"#, options: .regularExpression) != nil, "a quoted entity tag, not percent-encoded: \(emptyTag)")

                let created = try await client.send(.post, "\(base)/job-configs", token: token, json: try Self.body(name: "Picking", gatewayIDs: gatewayIDs))
                #expect(created.status == .created)
                let config = created.object
                let id = try #require(config["job_config_id"] as? String)
                #expect(config["job_name"] as? String == "Picking")
                #expect(config["gateway_ids"] as? [String] == gatewayIDs)
                #expect(config["class"] as? String == "jobconfig")
                #expect(config["version"] as? Int == 1)
                #expect((config["created"] as? Int64).map { $0 > 1_600_000_000_000 } == true)
                #expect(config["last_updated"] as? Int64 == config["created"] as? Int64)

                let fetched = try await client.send(.get, "\(base)/job-configs/\(id)", token: token)
                #expect(fetched.status == .ok)
                #expect(fetched.object["job_config_id"] as? String == id)

                let list = try await client.send(.get, "\(base)/job-configs", token: token)
                let tag = try #require(list.headers[.eTag])
                #expect(tag != emptyTag)
                #expect((list.object["items"] as? [[String: Any]])?.map { $0["job_config_id"] as? String } == [id])

                let unchanged = try await client.send(.get, "\(base)/job-configs", token: token, headers: [.ifNoneMatch: tag])
                #expect(unchanged.status == .notModified)
                #expect(unchanged.body.readableBytes == 0)
                #expect(unchanged.headers[.eTag] == tag)
                #expect(try await client.send(.get, "\(base)/job-configs", token: token, headers: [.ifNoneMatch: "W/\(tag), \"other\""]).status == .notModified)
                #expect(try await client.send(.get, "\(base)/job-configs", token: token, headers: [.ifNoneMatch: emptyTag]).status == .ok)

                #expect(try await client.send(.delete, "\(base)/job-configs/\(id)", token: token).status == .noContent)
                #expect(try await client.send(.get, "\(base)/job-configs/\(id)", token: token).status == .notFound)
                let again = try await client.send(.delete, "\(base)/job-configs/\(id)", token: token)
                #expect(again.status == .notFound)
                #expect(again.details.contains(id))
                let afterDelete = try await client.send(.get, "\(base)/job-configs", token: token, headers: [.ifNoneMatch: tag])
                #expect(afterDelete.status == .ok)
                #expect(afterDelete.headers[.eTag] == emptyTag)
            }
        }
    }

    @Test("bad bodies are 400 naming the field; a taken job_name is 409; nothing is created", arguments: TestDatabase.allCases)
    func badRequests(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)"
            try await harness.test { client in
                let gatewayIDs = try await harness.createGateways(["G1"], client: client)
                let otherToken = try await harness.token(harness.otherAdmin)
                let foreignGateway = try await client.createGateways(["B1"], customer: harness.otherAdmin.customerID, token: otherToken).values.map { $0 }

                let cases: [(String, String)] = [
                    (try Self.body(name: "J", gatewayIDs: gatewayIDs + [UUID().uuidString]), "gateway_ids[1]"),
                    (try Self.body(name: "J", gatewayIDs: foreignGateway), "gateway_ids[0]"),
                    (try Self.body(name: "J", gatewayIDs: ["not-a-uuid"]), "gateway_ids[0]"),
                    (try Self.body(name: "J", gatewayIDs: gatewayIDs + gatewayIDs), "gateway_ids[1]"),
                    (try Self.body(name: "J", gatewayIDs: []), "gateway_ids"),
                    (try Self.body(name: "J\u{7}", gatewayIDs: gatewayIDs), "job_name"),
                    (try Self.body(name: "J", gatewayIDs: gatewayIDs, start: " "), "start_barcode"),
                    (#"{"job_name":"J","start_barcode":"S","gateway_ids":[]}"#, "end_barcode"),
                ]
                for (json, field) in cases {
                    let response = try await client.send(.post, "\(base)/job-configs", token: token, json: json)
                    #expect(response.status == .badRequest, "\(json)")
                    #expect(response.details.contains(field), "\(response.details)")
                }
                #expect(try await client.send(.post, "\(base)/job-configs", token: token, json: try Self.body(name: "J", gatewayIDs: gatewayIDs)).status == .created)
                let taken = try await client.send(.post, "\(base)/job-configs", token: token, json: try Self.body(name: "J", gatewayIDs: gatewayIDs))
                #expect(taken.status == .conflict)
                #expect(taken.details.contains("'J'"))
                #expect((try await client.send(.get, "\(base)/job-configs", token: token).object["items"] as? [Any])?.count == 1)
                #expect(try await client.send(.get, "\(base)/job-configs/not-a-uuid", token: token).status == .notFound)
            }
        }
    }

    @Test("readers read but do not write; another customer's configs are out of reach", arguments: TestDatabase.allCases)
    func access(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let reader = try await harness.token(harness.reader)
            let other = try await harness.token(harness.otherAdmin)
            let base = "/\(harness.admin.customerID)"
            try await harness.test { client in
                let gatewayIDs = try await harness.createGateways(["G1"], client: client)
                let created = try await client.send(.post, "\(base)/job-configs", token: admin, json: try Self.body(name: "J", gatewayIDs: gatewayIDs))
                let id = try #require(created.object["job_config_id"] as? String)

                #expect(try await client.send(.get, "\(base)/job-configs/\(id)", token: reader).status == .ok)
                #expect(try await client.send(.get, "\(base)/job-configs", token: reader).status == .ok)
                #expect(try await client.send(.post, "\(base)/job-configs", token: reader, json: try Self.body(name: "K", gatewayIDs: gatewayIDs)).status == .forbidden)
                #expect(try await client.send(.delete, "\(base)/job-configs/\(id)", token: reader).status == .forbidden)

                #expect(try await client.send(.get, "\(base)/job-configs", token: other).status == .forbidden)
                #expect(try await client.send(.delete, "\(base)/job-configs/\(id)", token: other).status == .forbidden)
                let otherBase = "/\(harness.otherAdmin.customerID)"
                #expect(try await client.send(.get, "\(otherBase)/job-configs/\(id)", token: other).status == .notFound)
                #expect(try await client.send(.delete, "\(otherBase)/job-configs/\(id)", token: other).status == .notFound)
                #expect(try await client.send(.get, "\(base)/job-configs/\(id)", token: admin).status == .ok)
            }
        }
    }
}
