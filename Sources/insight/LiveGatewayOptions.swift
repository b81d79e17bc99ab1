import ArgumentParser
import Foundation
import InsightCore
import InsightAPI
import InsightMQTT

/// The options of `insight serve` for live gateways: the MQTT broker it runs (or an external one)
/// and the ingester that stores what gateways publish.
struct LiveGatewayOptions: ParsableArguments {
    @Option(help: "The port of the MQTT broker (mosquitto, mutual TLS) that serve runs for gateways; 0 runs none.")
    var mqttPort: Int = 8883

    @Option(help: ArgumentHelp("An MQTT broker of your own (mqtts://HOST:PORT) to take scans from, instead of running mosquitto.", valueName: "url"))
    var mqttBroker: String?

    @Option(help: "The ingester's subscription, e.g. $share/insight/insight/+/gateway/+/events for several instances.")
    var mqttSubscription: String = GatewayEventTopic.everyGateway

    @Option(help: "The ingester's MQTT client id, which names its persistent session at the broker.")
    var mqttClientID: String = "insight-ingester"

    func validate() throws {
        guard (0...65_535).contains(mqttPort) else { throw ValidationError("--mqtt-port must be 0 to 65535.") }
        if let mqttBroker {
            do { _ = try MQTTEndpoint(url: mqttBroker) } catch { throw ValidationError("--mqtt-broker: \(error)") }
        }
    }

    /// Whether serve runs a broker of its own.
    var runsBroker: Bool { mqttBroker == nil && mqttPort != 0 }

    /// The endpoint packages name by default when serve runs the broker on another port than
    /// 8883: that port on the public URL's host.
    func defaultEndpoint(publicHost: String) -> String? {
        runsBroker && mqttPort != 8883 ? MQTTEndpoint(host: publicHost, port: mqttPort).description : nil
    }

    /// What these options choose: nil with `--mqtt-port 0` and no `--mqtt-broker`.
    func liveGateways() throws -> LiveGateways? {
        let broker: LiveGateways.Broker
        if let mqttBroker {
            broker = .external(try MQTTEndpoint(url: mqttBroker))
        } else if mqttPort != 0 {
            broker = .supervised(port: mqttPort)
        } else {
            return nil
        }
        return LiveGateways(broker: broker, clientID: mqttClientID, subscription: mqttSubscription)
    }
}
