import Foundation
import InsightCore
import InsightClient
import InsightOpenAPI
import OpenAPIRuntime

/// The API the pipeline talks to: a remote server or the embedded one, and the customer it acts in.
public struct APIConnection: Sendable {
    public let client: Client
    /// Where requests go; package links are resolved against it.
    public let baseURL: URL
    public let customerID: String
    /// How the manifest names the server (`embedded` or the URL).
    public let label: String

    public init(client: Client, baseURL: URL, customerID: String, label: String) {
        self.client = client
        self.baseURL = baseURL
        self.customerID = customerID
        self.label = label
    }

    var customerPath: Operations.ListGateways.Input.Path { .init(customerId: customerID) }

    /// Downloads the package behind a signed `package_url`, from this connection's server (the
    /// link's host may be the public address, which an embedded run does not listen on).
    func downloadPackage(at packageURL: String) async throws -> Data {
        guard let components = URLComponents(string: packageURL),
              let packageID = components.path.split(separator: "/").last.map(String.init),
              let expires = components.queryItems?.first(where: { $0.name == "expires" })?.value.flatMap(Int64.init),
              let signature = components.queryItems?.first(where: { $0.name == "signature" })?.value
        else { throw OnboardingError.server(operation: "create-provisioning-package", status: 200, details: "unusable package_url '\(packageURL)'") }
        let response = try await client.downloadPackage(path: .init(packageId: packageID), query: .init(expires: expires, signature: signature))
        return try await Data(collecting: response.ok.body.applicationZip, upTo: 16 << 20)
    }
}

/// Runs `body` and turns the client's wrapped API errors into `OnboardingError.server`.
func callingAPI<Result>(_ operation: String, _ body: () async throws -> Result) async throws -> Result {
    do {
        return try await body()
    } catch let error as ClientError {
        if let apiError = error.underlyingError as? InsightAPIError {
            throw OnboardingError.server(operation: operation, status: apiError.status, details: apiError.details)
        }
        if error.underlyingError is DecodingError {
            throw OnboardingError.unreadableAnswer(operation: operation, details: "\(error.underlyingError)")
        }
        throw OnboardingError.unreachable(operation: operation, details: "\(error.underlyingError)")
    }
}
