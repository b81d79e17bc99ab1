import ArgumentParser
import Foundation
import InsightAuth
import InsightAPI
import InsightClient
import InsightCore
import InsightOnboarding
import InsightProvisioning

/// How a pipeline command reaches the API: `--server URL --token T --customer ID`, or, without
/// `--server`, an embedded server on loopback over the local data directory.
struct APIConnectionOptions: ParsableArguments {
    @Option(help: "The Insight server to talk to (default: the batch's recorded server, else an embedded one over --data-dir).")
    var server: String?

    @Option(help: "With --server: the IdToken (also INSIGHT_TOKEN).")
    var token: String?

    @Option(help: "The customer id (default: the batch's; embedded onboard of a new batch: a new customer).")
    var customer: String?

    @OptionGroup var state: StateOptions
    @OptionGroup var provisioning: ProvisioningOptions

    func validate() throws {
        if server != nil, idToken == nil { throw ValidationError("--server needs --token (or INSIGHT_TOKEN).") }
        if let server, URL(string: server)?.host == nil { throw ValidationError("--server '\(server)' is not an http(s) URL.") }
        if server != nil, provisioning.publicURL != nil || provisioning.mqttEndpoint != nil {
            throw ValidationError("--public-url and --mqtt-endpoint apply to the embedded server only: the server at --server writes its own addresses into packages (insight serve --public-url, --mqtt-endpoint).")
        }
    }

    /// The data directory and database of an embedded run into `outputFolder`.
    func dataState(outputFolder: URL) -> DataState {
        state.resolved(defaultDataDirectory: outputFolder.appendingPathComponent(".insight", isDirectory: true))
    }

    private var idToken: String? { token ?? ProcessInfo.processInfo.environment["INSIGHT_TOKEN"] }

    /// Runs `body` with a connection: to `--server`, else to `recordedServer` (the server an
    /// existing batch was onboarded against), else to an embedded server that lives as long as
    /// `body` runs, over the data directory (default `<outputFolder>/.insight`). The connection
    /// acts in `customer`, else `resumeCustomer`, else (embedded only) a new customer. An
    /// embedded run for an existing batch (`resumeCustomer` given) needs the batch's database:
    /// it is refused, creating nothing, when there is none.
    func withConnection<Result: Sendable>(
        outputFolder: URL, resumeCustomer: String?, recordedServer: String? = nil,
        _ body: @escaping @Sendable (APIConnection) async throws -> Result
    ) async throws -> Result {
        if let server = server ?? recordedServer {
            guard let url = URL(string: server), url.host != nil else { throw CommandFailure("The batch's server '\(server)' is not a URL.") }
            guard let idToken else {
                throw CommandFailure("This batch was onboarded against \(server): give --token (or INSIGHT_TOKEN) to reach it there.")
            }
            guard let customer = customer ?? resumeCustomer else { throw CommandFailure("--server needs --customer.") }
            return try await body(APIConnection(client: InsightAPIClient.make(serverURL: url, idToken: idToken), baseURL: url, customerID: customer, label: server))
        }
        let state = dataState(outputFolder: outputFolder)
        if resumeCustomer != nil, !state.holdsDatabase {
            throw CommandFailure(
                "There is no database of this batch at \(state.dataDirectory.path): give --data-dir with its data directory (batches onboarded before it moved into the output folder kept it in out/.insight of the folder onboard ran from)."
            )
        }
        return try await state.withStore { store in
            let addresses = try provisioning.publicAddresses(state: state, defaultPublicURL: ProvisioningSettings.defaultPublicURL)
            if let host = URL(string: addresses.publicURL)?.host, PublicAddresses.isLoopback(host) {
                printToStandardError("warning: packages send gateways to \(addresses.publicURL), a loopback address that only this machine reaches; give --public-url with the address gateways reach insight serve at.")
            }
            let secrets = try await state.secrets(of: store)
            return try await InsightServer.withEmbeddedSession(
                store: store, issuer: try await TokenIssuer.load(secrets: secrets),
                provisioning: try await provisioning.service(
                    secrets: secrets, store: store, addresses: addresses, issuingKeyInToken: provisioning.caKey.issuingKeyInToken()
                ),
                customer: (customer ?? resumeCustomer).map { .existing($0) } ?? .new, email: "onboarding@insight.local"
            ) { session in
                try await body(APIConnection(
                    client: InsightAPIClient.make(serverURL: session.url, idToken: session.idToken), baseURL: session.url,
                    customerID: session.customerID, label: Manifest.embeddedServer
                ))
            }
        }
    }
}
