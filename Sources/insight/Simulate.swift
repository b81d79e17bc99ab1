import ArgumentParser
import AsyncHTTPClient
import Foundation
import InsightSimulator

/// `insight simulate PACKAGE...`: acts as real gateways do.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Act as the gateways of provisioning packages: redeem each token, connect over MQTT with the certificate, publish scans.",
        discussion: """
            Each package's token is redeemed at its registration_url (once: the credentials are kept in .simulator/ \
            beside the package and used again on later runs), then the gateway connects to its mqtt_endpoint with \
            mutual TLS and publishes --scans scan events at QoS 1. Exits 0 once the broker acknowledged every scan; \
            1 when a gateway is refused (a revoked certificate) or acknowledgements stop.
            """
    )

    @Argument(help: ArgumentHelp("Provisioning packages (.zip), or folders of them.", valueName: "package"))
    var packages: [String]

    @Option(help: "The password of encrypted packages (also INSIGHT_PACKAGE_PASSWORD).")
    var packagePassword: String?

    @Option(help: "Scans each gateway publishes.")
    var scans: Int = 10

    @Option(help: "Scans per second per gateway (default: as fast as the broker acknowledges).")
    var rate: Double?

    @Option(help: "At most this many gateways (the first packages in name order).")
    var gateways: Int?

    func validate() throws {
        guard scans >= 0 else { throw ValidationError("--scans must not be negative.") }
        if let rate, !(rate > 0) { throw ValidationError("--rate must be positive.") }
        if let gateways, gateways < 1 { throw ValidationError("--gateways must be at least 1.") }
    }

    func run() async throws {
        do {
            let files = try GatewaySimulation.packages(in: packages, limit: gateways)
            var identities: [GatewayIdentity] = []
            for file in files {
                let password = packagePassword ?? ProcessInfo.processInfo.environment["INSIGHT_PACKAGE_PASSWORD"]
                let identity = try await GatewayIdentity.provision(package: file, password: password, http: .shared)
                printToStandardError("\(file.lastPathComponent): gateway \(identity.thingName) \(identity.redeemedNow ? "redeemed its token" : "uses the certificate it redeemed before")")
                identities.append(identity)
            }
            let report = try await GatewaySimulation(scansPerGateway: scans, rate: rate).run(identities)
            print("\(report.gateways) gateway\(report.gateways == 1 ? "" : "s") published \(report.published) scans; the broker acknowledged \(report.acknowledged) in \(String(format: "%.2f", report.seconds)) s (\(Int(Double(report.acknowledged) / max(report.seconds, 0.001))) scans/s).")
            if report.refused > 0 { throw CommandFailure("The broker refused \(report.refused) scans (not authorized).", exitCode: 1) }
        } catch let error as SimulatorError {
            throw CommandFailure("\(error)", exitCode: 1)
        }
    }
}
