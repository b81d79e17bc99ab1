import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightCore
import InsightTestSupport
import Testing

@Suite("Device operations")
struct DeviceAPITests {
    @Test("devices come from events, keep their newest event's data, and page", arguments: TestDatabase.allCases)
    func listing(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let base = "/\(harness.admin.customerID)/devices"
            try await harness.test { client in
                let gateway = try #require(try await harness.createGateways(["GW"], client: client).first)
                let now = Timestamp(Date()).rawValue
                try await harness.ingest([
                    scanEvent(gatewayID: gateway, created: now - 3000, deviceID: "M2MR000000001", battery: 90, firmware: "0.9"),
                    scanEvent(gatewayID: gateway, created: now - 1000, deviceID: "M2MR000000001", battery: 70, firmware: "1.0"),
                    scanEvent(gatewayID: gateway, created: now - 2000, deviceID: "M2MR000000002", battery: 50),
                    scanEvent(gatewayID: gateway, created: now - 500, deviceID: "M2MR000000003"),
                    scanEvent(gatewayID: gateway, created: now - 100),
                ])
                // Late and older: it must not overwrite the newer data.
                try await harness.ingest([scanEvent(gatewayID: gateway, created: now - 5000, deviceID: "M2MR000000001", battery: 10, firmware: "0.1")])

                let readerToken = try await harness.token(harness.reader)
                let all = try await client.send(.get, base, token: readerToken)
                #expect(all.status == .ok)
                #expect(all.items.count == 3, "one device per device_id; events without one make none")
                let first = try #require(all.items.first { $0["id"] as? String == "M2MR000000001" })
                #expect(first["battery"] as? Int == 70 && first["firmware"] as? String == "1.0")
                #expect(first["last_activity_time"] as? Int64 == now - 1000)
                #expect(first["created"] as? Int64 == now - 3000, "created: its first event received")
                #expect(first["class"] as? String == "device" && first["status"] as? String == "ACTIVE")

                var ids: [String] = []
                var next: String? = "\(base)?limit=2"
                while let uri = next {
                    let page = try await client.send(.get, uri, token: readerToken)
                    #expect(page.status == .ok && page.items.count <= 2)
                    ids += page.items.compactMap { $0["id"] as? String }
                    next = page.nextLink
                }
                #expect(ids.sorted() == ["M2MR000000001", "M2MR000000002", "M2MR000000003"] && ids.count == 3)
                for bad in ["limit=0", "limit=501", "next_token=garbage"] {
                    let response = try await client.send(.get, "\(base)?\(bad)", token: readerToken)
                    #expect(response.status == .badRequest, "\(bad)")
                    #expect(response.details.contains(bad.prefix { $0 != "=" }), "\(response.details)")
                }
                #expect(try await client.send(.get, "/\(harness.otherAdmin.customerID)/devices", token: readerToken).status == .forbidden)
            }
        }
    }

    @Test("PUT sets ACTIVE or INACTIVE and answers the device; other values 400, unknown devices 404, readers and other customers 403", arguments: TestDatabase.allCases)
    func update(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let device = "/\(harness.admin.customerID)/devices/M2MR000000001"
            try await harness.test { client in
                let gateway = try #require(try await harness.createGateways(["GW"], client: client).first)
                try await harness.ingest([scanEvent(gatewayID: gateway, created: Timestamp(Date()).rawValue, deviceID: "M2MR000000001", battery: 40)])

                let inactive = try await client.send(.put, device, token: token, json: #"{"status":"INACTIVE"}"#)
                #expect(inactive.status == .ok)
                #expect(inactive.object["status"] as? String == "INACTIVE" && inactive.object["id"] as? String == "M2MR000000001")
                #expect(inactive.object["battery"] as? Int == 40)
                let listed = try await client.send(.get, "/\(harness.admin.customerID)/devices", token: token)
                #expect(listed.items.first?["status"] as? String == "INACTIVE")
                #expect(try await client.send(.put, device, token: token, json: #"{"status":"ACTIVE"}"#).object["status"] as? String == "ACTIVE")

                for body in [#"{"status":"BROKEN"}"#, #"{"status":1}"#, "{}"] {
                    let bad = try await client.send(.put, device, token: token, json: body)
                    #expect(bad.status == .badRequest, "\(body)")
                    #expect(bad.details.contains("status"), "\(body): \(bad.details)")
                }
                let unknown = try await client.send(.put, "/\(harness.admin.customerID)/devices/M2MR999", token: token, json: #"{"status":"ACTIVE"}"#)
                #expect(unknown.status == .notFound)
                #expect(unknown.details.contains("M2MR999"))
                let reader = try await client.send(.put, device, token: try await harness.token(harness.reader), json: #"{"status":"INACTIVE"}"#)
                #expect(reader.status == .forbidden)
                let foreign = try await client.send(
                    .put, "/\(harness.otherAdmin.customerID)/devices/M2MR000000001", token: token, json: #"{"status":"INACTIVE"}"#
                )
                #expect(foreign.status == .forbidden)
                let otherAdmin = try await client.send(.put, device, token: try await harness.token(harness.otherAdmin), json: #"{"status":"INACTIVE"}"#)
                #expect(otherAdmin.status == .forbidden)
                #expect(try await client.send(.get, "/\(harness.admin.customerID)/devices", token: token).items.first?["status"] as? String == "ACTIVE")
                let huge = #"{"status":"ACTIVE","padding":""# + String(repeating: "x", count: 1 << 20) + #""}"#
                #expect(try await client.send(.put, device, token: token, json: huge).status == .contentTooLarge)
                #expect(try await client.send(.put, device, json: #"{"status":"ACTIVE"}"#).status == .unauthorized)
                #expect(try await client.send(.get, "/\(harness.admin.customerID)/devices").status == .unauthorized)
            }
        }
    }
}
