import Foundation
import HTTPTypes
import InsightOpenAPI
import OpenAPIRuntime
import OpenAPIURLSession

/// A client of the Insight API, generated from `openapi.yaml`, that sends an IdToken with every request.
public enum InsightAPIClient {
    /// A client for the server at `serverURL` that authenticates with `idToken`.
    public static func make(serverURL: URL, idToken: String) -> Client {
        Client(serverURL: serverURL, transport: URLSessionTransport(), middlewares: [AuthorizationHeader(idToken: idToken)])
    }
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
