import ArgumentParser
import Foundation
import InsightCore
import InsightProvisioning

/// The options that shape provisioning: where gateways reach the server, token lifetime, keys.
struct ProvisioningOptions: ParsableArguments {
    @Option(help: "The address gateways reach the server at, written into packages and QR codes (default: http://127.0.0.1:8080; for serve: http://HOST:PORT).")
    var publicURL: String?

    @Option(help: "The MQTT broker gateways connect to (default: mqtts://<public host>:8883).")
    var mqttEndpoint: String?

    @Option(help: "How many days a provisioning token stays redeemable.")
    var tokenLifetimeDays: Double = 30

    @Option(help: "The key type of gateway certificates: ec-p256 or rsa-2048.")
    var keyAlgorithm: GatewayKeyAlgorithm = .ecP256

    @Option(help: "How many years gateway certificates are valid.")
    var certificateValidityYears: Int = 2

    @Option(help: ArgumentHelp("The folder with README.txt.mustache for packages (built-in text when absent).", valueName: "dir"))
    var templates: String = "templates"

    func validate() throws {
        if let publicURL, URL(string: publicURL)?.host == nil { throw ValidationError("--public-url '\(publicURL)' is not an http(s) URL.") }
        guard tokenLifetimeDays > 0 else { throw ValidationError("--token-lifetime-days must be positive.") }
        guard (1...30).contains(certificateValidityYears) else { throw ValidationError("--certificate-validity-years must be 1 to 30.") }
    }

    /// The provisioning use cases over `state`'s data directory and `store`; packages carry
    /// `--public-url`, else `defaultPublicURL`.
    func service(state: DataState, store: any InsightStore, defaultPublicURL: String = "http://127.0.0.1:8080") throws -> ProvisioningService {
        try ProvisioningService.onDataDirectory(
            state.dataDirectory, gateways: store, store: store,
            settings: ProvisioningSettings(publicURL: publicURL ?? defaultPublicURL, mqttEndpoint: mqttEndpoint, tokenLifetime: tokenLifetimeDays * 86_400),
            templatesFolder: URL(fileURLWithPath: templates, isDirectory: true), keyAlgorithm: keyAlgorithm,
            certificateValidityYears: certificateValidityYears
        )
    }
}

extension GatewayKeyAlgorithm: ExpressibleByArgument {}
