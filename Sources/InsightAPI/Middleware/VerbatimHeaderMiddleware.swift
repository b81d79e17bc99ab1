import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Keeps header parameters verbatim, where the OpenAPI runtime would percent-encode them as
/// RFC 6570 strings (swift-openapi-generator issue 529 advises a middleware):
///
/// - Response headers that HTTP defines with their own syntax, `Content-Disposition` and `ETag`
///   (RFC 6266): the runtime turns `attachment; filename="a.zip"` into
///   `attachment%3B%20filename%3D%22a.zip%22`. Decoding once restores exactly what the handler
///   set, `%XX` of RFC 5987 included.
/// - Request headers that carry names and keys (`File-Name`, `Idempotency-Key`): the runtime would percent-decode
///   them, so that `100%25.cfg` arrived as `100%.cfg` and `a%B` as nothing. Encoding them once
///   before it decodes hands the handler exactly what the client sent.
struct VerbatimHeaderMiddleware: ServerMiddleware {
    static let fields: [HTTPField.Name] = [.contentDisposition, .eTag]
    static let requestFields: [HTTPField.Name] = [HTTPField.Name("File-Name")!, HTTPField.Name("Idempotency-Key")!]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        for field in Self.requestFields {
            if let verbatim = request.headerFields[field], let encoded = verbatim.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                request.headerFields[field] = encoded
            }
        }
        var (response, responseBody) = try await next(request, body, metadata)
        for field in Self.fields {
            if let encoded = response.headerFields[field], let verbatim = encoded.removingPercentEncoding {
                response.headerFields[field] = verbatim
            }
        }
        return (response, responseBody)
    }
}
