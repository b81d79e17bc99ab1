import ArgumentParser
import Foundation
import Hummingbird
import InsightAPI
import InsightAuth
import InsightConsole
import InsightCore
import InsightMQTT
import InsightProvisioning
import Logging
import NIOCore

/// `insight serve`: runs the Insight API over HTTP until interrupted.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Insight API v1.0.1 over HTTP; its OpenAPI document is at GET /openapi.yaml."
    )

    @OptionGroup var state: StateOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    @OptionGroup var provisioningOptions: ProvisioningOptions

    @OptionGroup var liveGateways: LiveGatewayOptions

    @Option(help: ArgumentHelp("Verify IdTokens with this JWKS file instead of the built-in issuer.", valueName: "file"))
    var jwks: String?

    @Option(help: "With --jwks: the expected `iss` claim.")
    var jwksIssuer: String?

    @Option(help: "With --jwks: the expected `aud` claim (a Cognito app client id).")
    var jwksAudience: String?

    @Option(help: ArgumentHelp("Serve HTTPS with this PEM certificate chain (the server's certificate first); needs --tls-key.", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The PEM private key of --tls-cert.", valueName: "file"))
    var tlsKey: String?

    @Option(help: ArgumentHelp("Close connections idle (between requests, or sending a request's head) for this many seconds.", valueName: "seconds"))
    var idleTimeout: Int = 30

    @Option(help: ArgumentHelp("Answer 408 and close the connection when a request's body takes longer than this many seconds.", valueName: "seconds"))
    var bodyTimeout: Int = 30

    @Option(help: ArgumentHelp("How many refused credentials (IdTokens, provisioning tokens, download signatures) one client address may present at once before it is answered 429; one more is allowed each second.", valueName: "count"))
    var failureBudget: Int = Int(FailureBudget.Limits.standard.burst)

    @Option(help: ArgumentHelp("The most gateways one customer may have; creating more is answered 403.", valueName: "count"))
    var maxGatewaysPerCustomer: Int = GatewayService.defaultMaximumGatewaysPerCustomer

    func validate() throws {
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together.") }
        guard idleTimeout > 0, bodyTimeout > 0 else { throw ValidationError("--idle-timeout and --body-timeout must be at least 1 second.") }
        guard failureBudget > 0 else { throw ValidationError("--failure-budget must be at least 1.") }
        guard maxGatewaysPerCustomer > 0 else { throw ValidationError("--max-gateways-per-customer must be at least 1.") }
    }

    func run() async throws {
        let state = self.state.resolved()
        if jwks != nil, jwksIssuer == nil || jwksAudience == nil {
            throw ValidationError("--jwks needs --jwks-issuer and --jwks-audience.")
        }
        let tls = try tlsCert.map { certificate in
            do {
                return try ServerTLS(certificateFile: certificate, keyFile: tlsKey ?? "")
            } catch {
                throw CommandFailure("\(error)", exitCode: 1)
            }
        }
        let ownAddress = "\(tls == nil ? "http" : "https")://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        try await state.withStore { store in
            let secrets = try await state.secrets(of: store)
            let issuingKeyInToken = try provisioningOptions.caKey.issuingKeyInToken()
            let (verifier, authInformation, issuer) = try await tokenVerification(secrets: secrets)
            let addresses = try provisioningOptions.publicAddresses(
                state: state, defaultPublicURL: ownAddress, listenHost: host, defaultMQTTEndpoint: liveGateways.defaultEndpoint(publicHost:)
            )
            if addresses.publicURL != ownAddress, let publicHost = URL(string: addresses.publicURL)?.host, PublicAddresses.isLoopback(publicHost) {
                printToStandardError("warning: packages of this data directory send gateways to \(addresses.publicURL), but this server listens at \(ownAddress): give --public-url with the address gateways reach it at.")
            }
            let logger = Logger(label: "insight")
            let gatewayHost = URL(string: addresses.settings().mqttEndpoint)?.host.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }
            let ingestStatistics = IngestStatistics()
            let services = try await liveGateways.liveGateways()?.services(
                secrets: secrets, issuingKeyInToken: issuingKeyInToken, dataDirectory: state.dataDirectory, listenHost: host, gatewayHosts: gatewayHost.map { [$0] } ?? [], store: store, logger: logger,
                statistics: ingestStatistics
            ) ?? []
            var server = InsightServer(
                store: store, verifier: verifier, provisioning: try await provisioningOptions.service(secrets: secrets, store: store, addresses: addresses, issuingKeyInToken: issuingKeyInToken),
                authInformation: authInformation, backgroundServices: services,
                defences: ServerDefences(
                    idleTimeout: .seconds(idleTimeout), bodyTimeout: .seconds(bodyTimeout),
                    failureBudget: FailureBudget(limits: .init(burst: Double(failureBudget), refillPerSecond: FailureBudget.Limits.standard.refillPerSecond)),
                    maximumGatewaysPerCustomer: maxGatewaysPerCustomer
                ),
                metrics: ServerMetrics(ingest: services.isEmpty ? nil : ingestStatistics)
            )
            server.backgroundServices.append(server.expiredPackagePurger)
            server.additionalRoutes.append(ConsoleRoutes(issuer: issuer, dataDirectory: state.dataDirectory))
            let app = try server.application(host: host, port: port, tls: tls, logger: logger)
            do {
                try await app.runService()
            } catch let error as IOError where error.errnoCode == EADDRINUSE {
                throw CommandFailure("Port \(port) on \(host) is already in use: stop the program that holds it, or choose another with --port.", exitCode: 1)
            } catch let error as MQTTError {
                throw CommandFailure("\(error)", exitCode: 1)
            }
        }
    }

    /// How IdTokens are checked: against the JWKS of --jwks, or the shared built-in issuer's key;
    /// and the built-in issuer, which console sign-in links are exchanged with (nil with --jwks).
    private func tokenVerification(secrets: SharedSecrets) async throws -> (any TokenVerifier, AuthInformation, TokenIssuer?) {
        guard let jwks, let jwksIssuer, let jwksAudience else {
            let issuer = try await TokenIssuer.load(secrets: secrets)
            return (issuer.verifier, TokenIssuer.authInformation, issuer)
        }
        let verifier = try await JWTTokenVerifier.jwks(String(contentsOfFile: jwks, encoding: .utf8), issuer: jwksIssuer, audience: jwksAudience)
        return (verifier, .external(issuer: jwksIssuer, audience: jwksAudience), nil)
    }
}
