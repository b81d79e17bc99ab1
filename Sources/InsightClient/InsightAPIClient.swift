import AsyncHTTPClient
import Foundation
import HTTPTypes
import InsightOpenAPI
import OpenAPIRuntime
import OpenAPIAsyncHTTPClient

/// A client of the Insight API, generated from `openapi.yaml`, that sends an IdToken with every
/// request and turns every error answer into a thrown `InsightAPIError`.
public enum InsightAPIClient {
    /// A client for the server at `serverURL` that authenticates with `idToken`, over the shared
    /// AsyncHTTPClient (connection pooling and keep-alive: thousands of package downloads stay cheap).
    public static func make(serverURL: URL, idToken: String) -> Client {
        Client(
            serverURL: serverURL, transport: AsyncHTTPClientTransport(configuration: .init(client: httpClient)),
            middlewares: [AuthorizationHeader(idToken: idToken), ErrorAnswers()]
        )
    }

    /// The process's HTTP client. A refused or unreachable connection fails the request at once
    /// (within the 10-second connect timeout), where AsyncHTTPClient's default would retry it
    /// until the request's one-minute deadline. Never shut down: it lives as long as the process.
    private static let httpClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}

/// An error answer of the API: its status and `{title, details}`.
public struct InsightAPIError: Error, CustomStringConvertible, Sendable {
    public let operationID: String
    public let status: Int
    public let title: String
    public let details: String

    public var description: String { "\(operationID) answered \(status) \(title): \(details)" }
}

/// Adds `Authorization: <IdToken>` to every request.
struct AuthorizationHeader: ClientMiddleware {
    let idToken: String

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = idToken
        return try await next(request, body, baseURL)
    }
}

/// Throws `InsightAPIError` for every answer of 400 and above, with the server's details.
struct ErrorAnswers: ClientMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, baseURL)
        guard response.status.code >= 400 else { return (response, responseBody) }
        var error = Components.Schemas._Error(title: response.status.reasonPhrase, details: "")
        if let responseBody, let data = try? await Data(collecting: responseBody, upTo: 1 << 16),
           let decoded = try? JSONDecoder().decode(Components.Schemas._Error.self, from: data) {
            error = decoded
        }
        throw InsightAPIError(operationID: operationID, status: response.status.code, title: error.title, details: error.details)
    }
}
