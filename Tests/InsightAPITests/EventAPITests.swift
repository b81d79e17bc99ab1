import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightCore
import InsightTestSupport
import Testing

@Suite("Event operations and ingest")
struct EventAPITests {
    @Test("ingest stores each id once, refuses bad events naming the field, and reads seconds as seconds", arguments: TestDatabase.allCases)
    func ingest(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            try await harness.test { client in
                let gateway = try #require(try await harness.createGateways(["GW"], client: client).first)
                let now = Timestamp(Date()).rawValue
                let repeated = UUID()
                var inSeconds = scanEvent(gatewayID: gateway, created: now / 1000)
                inSeconds["gateway_station"] = "Dock 4"
                var bell = scanEvent(gatewayID: gateway, created: now)
                bell["scan_code"] = "12\u{7}34"
                var noClass = scanEvent(gatewayID: gateway, created: now)
                noClass["class"] = nil
                var badType = scanEvent(gatewayID: gateway, created: now)
                badType["type"] = "click"
                var badBattery = scanEvent(gatewayID: gateway, created: now)
                badBattery["device_battery"] = "full"
                let report = try await harness.ingest([
                    scanEvent(id: repeated, gatewayID: gateway, created: now - 10),
                    inSeconds,
                    scanEvent(id: repeated, gatewayID: gateway, created: now - 5),
                    scanEvent(gatewayID: UUID().uuidString, created: now),
                    bell, noClass, badType, badBattery,
                    ["id": "not-a-uuid", "class": "event", "type": "scan", "created": now, "gateway_id": gateway],
                ])
                #expect(report.stored == 2)
                #expect(report.duplicates == [2])
                let messages = Dictionary(uniqueKeysWithValues: report.rejected.map { ($0.index, $0.message) })
                #expect(messages.keys.sorted() == [3, 4, 5, 6, 7, 8])
                #expect(messages[3]?.contains("gateway_id") == true && messages[3]?.contains("not a gateway") == true)
                #expect(messages[4]?.contains("scan_code") == true && messages[4]?.contains("U+0007") == true)
                #expect(messages[5] == "class is missing.")
                #expect(messages[6]?.hasPrefix("type 'click' is not one of scan") == true)
                #expect(messages[7] == "device_battery has the wrong type.")
                #expect(messages[8]?.hasPrefix("id 'not-a-uuid' is not a UUID") == true)

                let again = try await harness.ingest([scanEvent(id: repeated, gatewayID: gateway, created: now)])
                #expect(again.stored == 0 && again.duplicates == [0], "stored before: not stored again, and said so")

                let listed = try await client.send(.get, "/\(harness.admin.customerID)/events", token: try await harness.token(harness.reader))
                #expect(listed.status == .ok)
                #expect(listed.items.count == 2)
                let fromSeconds = try #require(listed.items.first { $0["gateway_station"] as? String == "Dock 4" })
                #expect(fromSeconds["created"] as? Int64 == now / 1000 * 1000, "below 10^11: seconds")
                let first = try #require(listed.items.first { $0["id"] as? String == repeated.uuidString.lowercased() })
                #expect(first["created"] as? Int64 == now - 10, "the first copy is kept")
                #expect(first["gateway_usecase"] as? String == "Picking" && first["gateway_station"] as? String == "Station1", "taken from the gateway")
                #expect(first["class"] as? String == "event" && first["type"] as? String == "scan" && first["scan_duration"] as? Double == 2.34)
            }
        }
    }

    @Test("the listing: last 24 hours by default, a range, a gateway, ordered by time then id, paged with next_token or next_key", arguments: TestDatabase.allCases)
    func listing(database: TestDatabase) async throws {
        let clock = ManualClock()
        try await APIHarness.with(database, clock: clock) { harness in
            let token = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)/events"
            try await harness.test { client in
                let gateways = try await harness.createGateways(["GW-1", "GW-2"], client: client)
                let now = clock.now().rawValue
                let day: Int64 = 24 * 60 * 60 * 1000
                // 7 recent events (3 in one millisecond), one 2 days old.
                let times = [now - 5000, now - 4000, now - 4000, now - 4000, now - 3000, now - 2000, now - 1000]
                try await harness.ingest(times.enumerated().map { scanEvent(gatewayID: gateways[$0.offset % 2], created: $0.element) }, clock: clock)
                try await harness.ingest([scanEvent(gatewayID: gateways[0], created: now - 2 * day)], clock: clock)

                let recent = try await client.send(.get, base, token: token)
                #expect(recent.status == .ok)
                #expect(recent.items.count == 7, "the default range is the last 24 hours")
                let order: [(Int64, String)] = recent.items.map { ($0["created"] as? Int64 ?? 0, $0["id"] as? String ?? "") }
                let ordered = zip(order, order.dropFirst()).allSatisfy { (earlier: (Int64, String), later: (Int64, String)) -> Bool in earlier < later }
                #expect(ordered, "ordered by created, then id")
                #expect(recent.nextLink == nil)

                let old = try await client.send(.get, "\(base)?start_time_millis=\(now - 3 * day)&end_time_millis=\(now - day)", token: token)
                #expect(old.items.count == 1)
                let inclusive = try await client.send(.get, "\(base)?start_time_millis=\(now - 4000)&end_time_millis=\(now - 3000)", token: token)
                #expect(inclusive.items.count == 4, "both ends are inclusive")

                var ids: [String] = []
                var next: String? = "\(base)?limit=2&gateway_id=\(gateways[0].uppercased())"
                while let uri = next {
                    let page = try await client.send(.get, uri, token: token)
                    #expect(page.status == .ok)
                    #expect(page.items.count <= 2)
                    #expect(page.items.allSatisfy { $0["gateway_id"] as? String == gateways[0] })
                    ids += page.items.compactMap { $0["id"] as? String }
                    next = page.nextLink
                    // Events arriving meanwhile: later than the range the first page fixed.
                    clock.advance(millis: 10)
                    try await harness.ingest([scanEvent(gatewayID: gateways[0], created: clock.now().rawValue)], clock: clock)
                }
                #expect(ids.count == 4 && Set(ids).count == 4, "a gateway's events page too, none twice")

                let first = try await client.send(.get, "\(base)?limit=3", token: token)
                let token2 = try #require(first.nextLink.flatMap { URLComponents(string: $0)?.queryItems?.first { $0.name == "next_token" }?.value })
                let viaKey = try await client.send(.get, "\(base)?limit=3&next_key=\(token2)", token: token)
                let viaToken = try await client.send(.get, "\(base)?limit=3&next_token=\(token2)", token: token)
                #expect(viaKey.status == .ok && viaKey.items.map { $0["id"] as? String } == viaToken.items.map { $0["id"] as? String })
                #expect(Set(viaKey.items.compactMap { $0["id"] as? String }).isDisjoint(with: first.items.compactMap { $0["id"] as? String }))
                let bothGiven = try await client.send(.get, "\(base)?limit=3&next_key=0_30&next_token=\(token2)", token: token)
                #expect(bothGiven.status == .ok && bothGiven.items.map { $0["id"] as? String } == viaToken.items.map { $0["id"] as? String }, "next_token wins over next_key")
            }
        }
    }

    @Test("bad parameters get 400 naming them; other customers and missing tokens are refused", arguments: TestDatabase.allCases)
    func errors(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)/events"
            try await harness.test { client in
                for (query, field) in [
                    ("limit=0", "limit"), ("limit=501", "limit"), ("next_token=garbage", "next_token"), ("next_key=garbage", "next_key"),
                    ("start_time_millis=2000&end_time_millis=1000", "end_time_millis"), ("gateway_id=GW-1", "gateway_id"),
                ] {
                    let response = try await client.send(.get, "\(base)?\(query)", token: token)
                    #expect(response.status == .badRequest, "\(query)")
                    #expect(response.details.contains(field), "\(query): \(response.details)")
                    #expect(response.object["title"] as? String != nil)
                }
                // Not an integer: refused by the generated decoding (whose message does not name the parameter yet).
                #expect(try await client.send(.get, "\(base)?start_time_millis=yesterday", token: token).status == .badRequest)
                let foreign = try await client.send(.get, "/\(harness.otherAdmin.customerID)/events", token: token)
                #expect(foreign.status == .forbidden)
                #expect(try await client.send(.get, base).status == .unauthorized)
            }
        }
    }
}
