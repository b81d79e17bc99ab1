import ArgumentParser
import Foundation
import InsightCore
import InsightPKI
import InsightProvisioning

/// The options that shape provisioning: where gateways reach the server, token lifetime, keys.
struct ProvisioningOptions: ParsableArguments {
    @Option(help: "The address gateways reach the server at, written into packages and QR codes (default: the data directory's recorded one, else http://127.0.0.1:8080; for serve: http://HOST:PORT).")
    var publicURL: String?

    @Option(help: "The MQTT broker gateways connect to (default: the data directory's recorded one, else mqtts://<public host>:8883).")
    var mqttEndpoint: String?

    @Option(help: "How many days a provisioning token stays redeemable.")
    var tokenLifetimeDays: Double = 30

    @Option(help: "The key type of gateway certificates: ec-p256 or rsa-2048.")
    var keyAlgorithm: GatewayKeyAlgorithm = .ecP256

    @Option(help: "How many years gateway certificates are valid.")
    var certificateValidityYears: Int = 2

    @Option(help: "How many reissues (device swaps) one customer may make in 24 hours; more are answered 429.")
    var maxReissuesPerDay: Int = 1_000

    @Option(help: ArgumentHelp("The folder with README.txt.mustache for packages (built-in text when absent).", valueName: "dir"))
    var templates: String = "templates"

    @OptionGroup var caKey: CAKeyOptions

    func validate() throws {
        if let publicURL, let problem = PublicAddresses.problem(withPublicURL: publicURL) { throw ValidationError("--public-url \(problem)") }
        guard tokenLifetimeDays > 0 else { throw ValidationError("--token-lifetime-days must be positive.") }
        guard (1...30).contains(certificateValidityYears) else { throw ValidationError("--certificate-validity-years must be 1 to 30.") }
        guard maxReissuesPerDay > 0 else { throw ValidationError("--max-reissues-per-day must be at least 1.") }
    }

    /// The public addresses of `state`'s data directory: `--public-url` and `--mqtt-endpoint`,
    /// else the ones recorded there, else `defaultPublicURL` and the broker on its host. They are
    /// recorded, so that later commands on the data directory name the same; a change of an
    /// address is announced on standard error, since packages made before name the old one.
    ///
    /// - Throws: `CommandFailure` when the public URL is no address a gateway can reach while
    ///   the server listens on `listenHost`.
    ///
    /// - Parameter defaultMQTTEndpoint: makes the broker's default address, from the public
    ///   URL's host, when none is given or recorded (nil: `mqtts://<public host>:8883`).
    func publicAddresses(
        state: DataState, defaultPublicURL: String, listenHost: String? = nil, defaultMQTTEndpoint: (String) -> String? = { _ in nil }
    ) throws -> PublicAddresses {
        let recorded = PublicAddresses.recorded(in: state.dataDirectory)
        let url = publicURL ?? recorded?.publicURL ?? defaultPublicURL
        if let problem = PublicAddresses.problem(withPublicURL: url, listenHost: listenHost) {
            let source = publicURL != nil ? "--public-url" : recorded != nil ? "The recorded public URL" : "The default public URL"
            throw CommandFailure("\(source) \(problem)")
        }
        let publicURL = ProvisioningSettings(publicURL: url).publicURL
        let chosen = PublicAddresses(
            publicURL: publicURL, mqttEndpoint: mqttEndpoint ?? recorded?.mqttEndpoint ?? URL(string: publicURL)?.host.flatMap(defaultMQTTEndpoint)
        )
        let settings = chosen.settings()
        if let recorded {
            let before = recorded.settings()
            for (name, old, new) in [("public URL", before.publicURL, settings.publicURL), ("MQTT endpoint", before.mqttEndpoint, settings.mqttEndpoint)] where old != new {
                printToStandardError("warning: the \(name) changes from \(old) to \(new); packages made before name \(old).")
            }
        }
        if let listenHost, !PublicAddresses.isLoopback(listenHost), let broker = URL(string: settings.mqttEndpoint)?.host, PublicAddresses.isLoopback(broker) {
            printToStandardError("warning: the MQTT endpoint \(settings.mqttEndpoint) is a loopback address no gateway can reach: give --mqtt-endpoint.")
        }
        if recorded != chosen { try chosen.record(in: state.dataDirectory) }
        return chosen
    }

    /// The provisioning use cases over `store` and its shared `secrets`, naming `addresses`, with
    /// new issuing CAs of `issuingKeyInToken` when given (`caKey.issuingKeyInToken()`).
    func service(secrets: SharedSecrets, store: any InsightStore, addresses: PublicAddresses, issuingKeyInToken: PrivateKey?) async throws -> ProvisioningService {
        var settings = addresses.settings(tokenLifetime: tokenLifetimeDays * 86_400)
        settings.maximumReissuesPerDay = maxReissuesPerDay
        return try await ProvisioningService.onSharedState(
            secrets, gateways: store, store: store, settings: settings,
            templatesFolder: URL(fileURLWithPath: templates, isDirectory: true), issuingKeyInToken: issuingKeyInToken, keyAlgorithm: keyAlgorithm,
            certificateValidityYears: certificateValidityYears
        )
    }
}

extension GatewayKeyAlgorithm: ExpressibleByArgument {}
