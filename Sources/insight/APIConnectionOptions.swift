import ArgumentParser
import Foundation
import InsightAPI
import InsightClient
import InsightCore
import InsightOnboarding

/// How a pipeline command reaches the API: `--server URL --token T --customer ID`, or, without
/// `--server`, an embedded server on loopback over the local data directory.
struct APIConnectionOptions: ParsableArguments {
    @Option(help: "The Insight server to talk to (default: an embedded one over --data-dir).")
    var server: String?

    @Option(help: "With --server: the IdToken (also INSIGHT_TOKEN).")
    var token: String?

    @Option(help: "The customer id (with --server: required; embedded: default is the batch's or a new one).")
    var customer: String?

    @OptionGroup var state: StateOptions
    @OptionGroup var provisioning: ProvisioningOptions

    func validate() throws {
        if server != nil, token ?? ProcessInfo.processInfo.environment["INSIGHT_TOKEN"] == nil || customer == nil {
            throw ValidationError("--server needs --token (or INSIGHT_TOKEN) and --customer.")
        }
    }

    /// Runs `body` with a connection: to `--server`, or to an embedded server that lives as long
    /// as `body` runs, over the data directory (default `<outputFolder>/.insight`). Embedded runs
    /// act in `customer`, else `resumeCustomer`, else a new customer.
    func withConnection<Result: Sendable>(
        outputFolder: URL, resumeCustomer: String?, _ body: @escaping @Sendable (APIConnection) async throws -> Result
    ) async throws -> Result {
        if let server {
            guard let url = URL(string: server), let token = token ?? ProcessInfo.processInfo.environment["INSIGHT_TOKEN"], let customer else {
                throw ValidationError("--server '\(server)' is not a URL.")
            }
            return try await body(APIConnection(client: InsightAPIClient.make(serverURL: url, idToken: token), baseURL: url, customerID: customer, label: server))
        }
        let state = self.state.resolved(defaultDataDirectory: outputFolder.appendingPathComponent(".insight", isDirectory: true))
        return try await state.withStore { store in
            let issuer = try await state.loadIssuer()
            let accounts = AccountService(customers: store, users: store)
            let choice: AccountService.CustomerChoice = (customer ?? resumeCustomer).map { .existing($0) } ?? .new
            let user = try await accounts.ensureUser(customer: choice, email: "onboarding@insight.local", role: .admin)
            let idToken = try await issuer.issue(for: user)
            let configuration = ServerConfiguration(
                store: store, verifier: issuer.verifier, provisioning: try provisioning.service(state: state, store: store)
            )
            return try await withLoopbackServer(configuration) { url in
                try await body(APIConnection(
                    client: InsightAPIClient.make(serverURL: url, idToken: idToken), baseURL: url,
                    customerID: user.customerID, label: "embedded"
                ))
            }
        }
    }
}
