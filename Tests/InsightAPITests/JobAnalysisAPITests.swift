import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightCore
import InsightTestSupport
import Testing

@Suite("Job analysis over HTTP")
struct JobAnalysisAPITests {
    @Test("per gateway of the config, the jobs from a start scan to the next end scan, within the range", arguments: TestDatabase.allCases)
    func analysis(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let gateways = try await harness.createGateways(["G1", "G2", "G3"], client: client)
                let t0: Int64 = 1_750_000_000_000
                var ids: [String: String] = [:]
                func scan(_ gateway: String, _ second: Int64, _ code: String) -> [String: Any] {
                    var event = scanEvent(gatewayID: gateway, created: t0 + second * 1000)
                    event["scan_code"] = code
                    ids["\(gateway)/\(code)@\(second)"] = event["id"] as? String
                    return event
                }
                // G1: a job 1..3; a start at 4 restarted at 5, ended at 6; a job open at 7.
                // G2: an end without a start. G3 is not in the config.
                try await harness.ingest([
                    scan(gateways[0], 1, "START-A"), scan(gateways[0], 2, "ITEM-1"), scan(gateways[0], 3, "END-A"),
                    scan(gateways[0], 4, "START-B"), scan(gateways[0], 5, "START-C"), scan(gateways[0], 6, "END-C"),
                    scan(gateways[0], 7, "START-D"), scan(gateways[1], 2, "END-X"), scan(gateways[2], 1, "START-Y"), scan(gateways[2], 2, "END-Y"),
                ])
                let config = try await client.send(.post, "/\(customer)/job-configs", token: admin, json: try jsonText([
                    "job_name": "Picking", "start_barcode": "START", "end_barcode": "END", "gateway_ids": [gateways[0], gateways[1]],
                ]))
                let configID = try #require(config.object["job_config_id"] as? String)
                func analyse(from: Int64, to: Int64, token: String? = nil) async throws -> TestResponse {
                    let body = try jsonText(["job_config_id": configID, "start_time": t0 + from * 1000, "end_time": t0 + to * 1000])
                    return try await client.send(.post, "/\(customer)/job-analysis", token: token ?? admin, json: body)
                }

                let all = try await analyse(from: 0, to: 10, token: try await harness.token(harness.reader))
                #expect(all.status == .ok)
                let results = try #require(all.object["results"] as? [[String: Any]])
                #expect(results.map { $0["gateway_id"] as? String } == [gateways[0], gateways[1]])
                let jobs = try #require(results.first?["jobs"] as? [[String: Any]])
                #expect(jobs.map { $0["start_event_id"] as? String } == [ids["\(gateways[0])/START-A@1"], ids["\(gateways[0])/START-C@5"]])
                #expect(jobs.map { $0["end_event_id"] as? String } == [ids["\(gateways[0])/END-A@3"], ids["\(gateways[0])/END-C@6"]])
                #expect(jobs.map { $0["start_time"] as? Int64 } == [t0 + 1000, t0 + 5000])
                #expect(jobs.map { $0["end_time"] as? Int64 } == [t0 + 3000, t0 + 6000])
                #expect((results[1]["jobs"] as? [Any])?.isEmpty == true)

                let later = try await analyse(from: 2, to: 5)
                #expect(((later.object["results"] as? [[String: Any]])?.first?["jobs"] as? [Any])?.isEmpty == true, "starts outside the range do not count")

                let backwards = try await analyse(from: 5, to: 2)
                #expect(backwards.status == .badRequest && backwards.details.contains("end_time"))
                let unknown = try await client.send(.post, "/\(customer)/job-analysis", token: admin, json: try jsonText(["job_config_id": UUID().uuidString, "start_time": 0, "end_time": 1]))
                #expect(unknown.status == .notFound)
                let missing = try await client.send(.post, "/\(customer)/job-analysis", token: admin, json: #"{"job_config_id":"x","start_time":0}"#)
                #expect(missing.status == .badRequest && missing.details.contains("end_time"))
                let other = try await harness.token(harness.otherAdmin)
                #expect(try await analyse(from: 0, to: 10, token: other).status == .forbidden)
            }
        }
    }
}
