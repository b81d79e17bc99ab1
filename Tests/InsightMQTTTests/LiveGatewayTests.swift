import Foundation
import InsightCore
import InsightTestSupport
import Testing

/// Scans over the real broker (mosquitto, started as `insight serve` starts it) from an
/// independent client (`mosquitto_pub` with what `openssl pkcs12` extracts), into the store.
@Suite(.serialized) struct LiveGatewayTests {
    @Test(arguments: TestDatabase.allCases)
    func aScanPublishedWithTheRedeemedCertificateIsStoredAndTheGatewayTurnsActive(database: TestDatabase) async throws {
        try await LiveGatewayHarness.withRunning(database) { harness in
            let gateway = try #require(try await harness.provisionedGateways(1).first)
            let before = try #require(try await harness.store.gateway(id: gateway.id, customerID: harness.customer.id))
            #expect(before.connectivityStatus(at: Timestamp(Date())) == .registering)
            let eventID = UUID()
            try #require(try gateway.publish(LiveGatewayScan.json(id: eventID), port: harness.port).status == 0)
            let events = try await harness.waitForEvents(1, of: gateway.id)
            #expect(events.map(\.id) == [eventID])
            #expect(events.first?.gatewayStation == before.station, "the station comes from the gateway")
            let after = try #require(try await harness.store.gateway(id: gateway.id, customerID: harness.customer.id))
            #expect(after.connectivityStatus(at: Timestamp(Date())) == .active)
            #expect(try await harness.store.device(id: "SCANNER-1", customerID: harness.customer.id) != nil, "the scanner became a device")
        }
    }

    @Test func aGatewayCannotPublishUnderAnotherGatewaysTopic() async throws {
        try await LiveGatewayHarness.withRunning(.sqlite) { harness in
            let gateways = try await harness.provisionedGateways(2)
            let (intruder, victim) = (gateways[0], gateways[1])
            // MQTT 3.1.1 cannot refuse a publish: the broker acknowledges it and drops it.
            try #require(try intruder.publish(LiveGatewayScan.json(), to: victim.topic, port: harness.port).status == 0)
            let marker = UUID()
            try #require(try intruder.publish(LiveGatewayScan.json(id: marker), port: harness.port).status == 0)
            #expect(try await harness.waitForEvents(1, of: intruder.id).map(\.id) == [marker])
            #expect(try await harness.storedEvents(of: victim.id).isEmpty, "nothing arrived under the other gateway's topic")
        }
    }

    @Test func aPayloadNamingAnotherGatewayIsRefusedAndBadMessagesDoNotStopTheIngester() async throws {
        try await LiveGatewayHarness.withRunning(.sqlite) { harness in
            let gateways = try await harness.provisionedGateways(2)
            let spoofed = LiveGatewayScan.json(extra: #","gateway_id":"\#(gateways[1].id.lowercasedString)""#)
            for payload in ["not json", #"{"id":"x"}"#, spoofed] {
                try #require(try gateways[0].publish(payload, port: harness.port).status == 0)
            }
            let good = UUID()
            try #require(try gateways[0].publish(LiveGatewayScan.json(id: good), port: harness.port).status == 0)
            #expect(try await harness.waitForEvents(1, of: gateways[0].id).map(\.id) == [good])
            #expect(try await harness.storedEvents(of: gateways[1].id).isEmpty)
            #expect(harness.statistics.current.rejected == 3)
        }
    }

    @Test func aRepeatedEventIsStoredOnce() async throws {
        try await LiveGatewayHarness.withRunning(.sqlite) { harness in
            let gateway = try #require(try await harness.provisionedGateways(1).first)
            let scan = LiveGatewayScan.json()
            for _ in 0..<3 { try #require(try gateway.publish(scan, port: harness.port).status == 0) }
            try await waitFor("3 messages handled") { harness.statistics.current.stored + harness.statistics.current.duplicates == 3 }
            #expect(try await harness.storedEvents(of: gateway.id).count == 1)
            #expect(harness.statistics.current.duplicates == 2)
        }
    }

    @Test func scansPublishedWhileTheIngesterIsDownArriveWhenItIsBack() async throws {
        try await withTemporaryDirectory { folder in
            try await withStore(.sqlite) { store, customer in
                let harness = try await LiveGatewayHarness(folder: folder, store: store, customer: customer)
                try await harness.running(broker: true, ingester: false) {
                    let gateway = try #require(try await harness.provisionedGateways(1).first)
                    // The ingester's first connection makes its persistent session.
                    try await harness.running(broker: false, ingester: true) {}
                    let ids = (0..<5).map { _ in UUID() }
                    for id in ids { try #require(try gateway.publish(LiveGatewayScan.json(id: id), port: harness.port).status == 0) }
                    #expect(try await harness.storedEvents(of: gateway.id).isEmpty, "nothing is stored while the ingester is away")
                    try await harness.running(broker: false, ingester: true) {
                        let stored = try await harness.waitForEvents(ids.count, of: gateway.id)
                        #expect(Set(stored.map(\.id)) == Set(ids))
                    }
                }
            }
        }
    }

    @Test func aBrokerThatDiesIsStartedAgainAndTheIngesterReconnects() async throws {
        try await LiveGatewayHarness.withRunning(.sqlite) { harness in
            let gateway = try #require(try await harness.provisionedGateways(1).first)
            let first = try #require(harness.brokerProcess)
            try requireTool("kill", ["-KILL", first])
            try await waitFor("a new broker process") { harness.brokerProcess.map { $0 != first } ?? false }
            // The session was younger than the broker's first save (10 s): the ingester subscribes again.
            try await waitFor("the ingester to connect again") { harness.brokerLog.components(separatedBy: "as insight-ingester ").count == 3 }
            let id = UUID()
            try await waitFor("the new broker to take a scan") { try gateway.publish(LiveGatewayScan.json(id: id), port: harness.port).status == 0 }
            try await harness.waitForEvents(1, of: gateway.id)
        }
    }

    @Test func anIngesterOnAnExternalBrokerWithASharedSubscriptionStoresScans() async throws {
        try await withTemporaryDirectory { folder in
            try await withStore(.sqlite) { store, customer in
                let harness = try await LiveGatewayHarness(folder: folder, store: store, customer: customer)
                let shared = (clientID: "insight-ingester-2", subscription: "$share/insight/\(GatewayEventTopic.everyGateway)")
                try await harness.running(broker: true, ingester: false, externalIngester: shared) {
                    let gateway = try #require(try await harness.provisionedGateways(1).first)
                    let id = UUID()
                    try #require(try gateway.publish(LiveGatewayScan.json(id: id), port: harness.port).status == 0)
                    #expect(try await harness.waitForEvents(1, of: gateway.id).map(\.id) == [id])
                    #expect(harness.brokerLog.contains("as insight-ingester-2"))
                }
            }
        }
    }

    @Test func afterAReissueTheBrokerRefusesTheOldCertificateAndAcceptsTheNewOne() async throws {
        try await LiveGatewayHarness.withRunning(.sqlite) { harness in
            let old = try #require(try await harness.provisionedGateways(1).first)
            try #require(try old.publish(LiveGatewayScan.json(), port: harness.port).status == 0)
            let reloadsBefore = harness.reloads
            let reissued = try await harness.provisioning.reissue(harness.admin, customerID: harness.customer.id, gatewayID: old.id.lowercasedString, packaging: .init(gateways: []))
            // The supervisor notices the new CRL within a second and has the broker reload it.
            try await harness.waitUntilTheBrokerHasTheCurrentCRLs(reloadsBefore: reloadsBefore)
            let refused = try old.publish(LiveGatewayScan.json(), port: harness.port)
            #expect(refused.status != 0)
            #expect(harness.brokerLog.contains("certificate verify failed"), "the broker says why: \(harness.brokerLog.suffix(400))")
            let new = try await ProvisionedGateway.redeeming(reissued.token.value, with: harness.provisioning, in: harness.folder.appendingPathComponent("new"))
            let accepted = UUID()
            try #require(try new.publish(LiveGatewayScan.json(id: accepted), port: harness.port).status == 0)
            try await waitFor("the new certificate's scan") { try await harness.storedEvents(of: old.id).contains { $0.id == accepted } }
        }
    }
}

/// Scan payloads for the tests.
enum LiveGatewayScan {
    /// A scan event as the seed shapes it, without `gateway_id` (the topic names the gateway)
    /// unless `extra` adds it.
    static func json(id: UUID = UUID(), extra: String = "") -> String {
        let created = Int64(Date().timeIntervalSince1970 * 1000)
        return #"{"id":"\#(id.lowercasedString)","class":"event","type":"scan","created":\#(created),"scan_code":"4006381333931","device_id":"SCANNER-1","device_battery":77\#(extra)}"#
    }
}
