import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Undoes the generated server's percent-encoding of the response headers that HTTP defines with
/// their own syntax, such as `Content-Disposition` (RFC 6266): the OpenAPI runtime encodes every
/// header parameter as an RFC 6570 string, which turns `attachment; filename="a.zip"` into
/// `attachment%3B%20filename%3D%22a.zip%22` (swift-openapi-generator issue 529 advises a
/// middleware). Decoding once restores exactly what the handler set, `%XX` of RFC 5987 included.
struct VerbatimHeaderMiddleware: ServerMiddleware {
    static let fields: [HTTPField.Name] = [.contentDisposition]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var (response, responseBody) = try await next(request, body, metadata)
        for field in Self.fields {
            if let encoded = response.headerFields[field], let verbatim = encoded.removingPercentEncoding {
                response.headerFields[field] = verbatim
            }
        }
        return (response, responseBody)
    }
}
