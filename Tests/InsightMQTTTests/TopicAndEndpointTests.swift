import Foundation
import InsightCore
import InsightMQTT
import Testing

struct TopicAndEndpointTests {
    @Test func aGatewayTopicNamesItsCustomerAndGateway() throws {
        let gateway = UUID()
        let topic = try #require(GatewayEventTopic("insight/acme-1/gateway/\(gateway.lowercasedString)/events"))
        #expect(topic == GatewayEventTopic(customerID: "acme-1", gatewayID: gateway))
        #expect(topic.name == "insight/acme-1/gateway/\(gateway.lowercasedString)/events")
    }

    @Test(arguments: [
        "insight/acme/gateway/not-a-uuid/events", "insight//gateway/\(UUID().uuidString)/events", "other/acme/gateway/\(UUID().uuidString)/events",
        "insight/acme/gateway/\(UUID().uuidString)/status", "insight/acme/gateway/\(UUID().uuidString)/events/extra",
    ])
    func otherTopicsAreNoGatewayTopics(_ name: String) {
        #expect(GatewayEventTopic(name) == nil)
    }

    @Test func endpointsAreMQTTOverTLS() throws {
        #expect(try MQTTEndpoint(url: "mqtts://broker.example.com") == MQTTEndpoint(host: "broker.example.com", port: 8883))
        #expect(try MQTTEndpoint(url: "mqtts://[::1]:18883") == MQTTEndpoint(host: "::1", port: 18883))
        #expect(MQTTEndpoint(host: "::1", port: 18883).description == "mqtts://[::1]:18883")
        for refused in ["mqtt://broker.example.com:1883", "https://broker.example.com", "mqtts://", "mqtts://host/path"] {
            #expect(throws: MQTTError.invalidEndpoint(refused)) { try MQTTEndpoint(url: refused) }
        }
    }
}
