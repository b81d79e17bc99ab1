import Foundation
import InsightProvisioning
import InsightTestSupport
import Testing

@Suite("Public addresses")
struct PublicAddressesTests {
    @Test("addresses no gateway can reach are refused, naming why", arguments: [
        ("http://0.0.0.0:8080", nil, "no address a gateway can reach"),
        ("http://[::]:8080", nil, "no address a gateway can reach"),
        ("ftp://insight.example", nil, "not an http(s) URL"),
        ("insight.example", nil, "not an http(s) URL"),
        ("http://127.0.0.1:8080", "0.0.0.0", "loopback"),
        ("http://localhost:8080", "10.1.2.3", "loopback"),
        ("http://127.0.0.2:8080", "0.0.0.0", "loopback"),
    ] as [(String, String?, String)])
    func refused(url: String, listenHost: String?, reason: String) {
        let problem = PublicAddresses.problem(withPublicURL: url, listenHost: listenHost)
        #expect(problem?.contains(reason) == true, "\(url) on \(listenHost ?? "-"): \(problem ?? "accepted")")
    }

    @Test("reachable addresses pass, loopback ones while the server listens on loopback", arguments: [
        ("https://gw.example.com", nil), ("http://127.0.0.1:8080", "127.0.0.1"), ("http://10.1.2.3:8080", "0.0.0.0"),
        ("https://127.example.com", "0.0.0.0"),
    ] as [(String, String?)])
    func accepted(url: String, listenHost: String?) {
        #expect(PublicAddresses.problem(withPublicURL: url, listenHost: listenHost) == nil)
    }

    @Test("recorded addresses read back as written")
    func recordAndRead() throws {
        try withTemporaryDirectory { directory in
            #expect(PublicAddresses.recorded(in: directory) == nil)
            let addresses = PublicAddresses(publicURL: "https://gw.example.com", mqttEndpoint: "mqtts://broker.example.com:8883")
            try addresses.record(in: directory)
            #expect(PublicAddresses.recorded(in: directory) == addresses)
        }
    }
}
