import Foundation
import HTTPTypes
import InsightOpenAPI
import Yams

/// The operations `openapi.yaml` documents, read from the embedded document once: which are
/// public (`security: []`) and which methods each path template has. The authentication
/// middleware and the "wrong method" answer are derived from it, so the document is the only
/// list of public operations.
struct OperationCatalog: Sendable {
    /// One documented operation.
    struct Operation: Sendable, Equatable {
        let method: HTTPRequest.Method
        /// The path template, `/{customer_id}/gateways/{gateway_id}`.
        let path: String
        let operationID: String
        /// Whether it needs no IdToken (`security: []` in the document).
        let isPublic: Bool
        /// `path` split at `/` once, `nil` for each `{parameter}`: what requests are matched against.
        let segments: [Substring?]

        init(method: HTTPRequest.Method, path: String, operationID: String, isPublic: Bool) {
            self.method = method
            self.path = path
            self.operationID = operationID
            self.isPublic = isPublic
            segments = path.split(separator: "/", omittingEmptySubsequences: false).map { $0.hasPrefix("{") && $0.hasSuffix("}") ? nil : $0 }
        }

        /// Whether the concrete `segments` of a request path fit this template, each `{parameter}`
        /// standing for one non-empty segment.
        func matches(_ requestSegments: [Substring]) -> Bool {
            requestSegments.count == segments.count
                && zip(requestSegments, segments).allSatisfy { segment, template in template.map { $0 == segment } ?? !segment.isEmpty }
        }
    }

    let operations: [Operation]

    /// The catalog of the document this server was built from.
    static let served: OperationCatalog = {
        do {
            return try OperationCatalog(yaml: String(decoding: OpenAPIDocument.yaml, as: UTF8.self))
        } catch {
            fatalError("The embedded openapi.yaml does not parse: \(error)")
        }
    }()

    private static let methods: [String: HTTPRequest.Method] = [
        "get": .get, "put": .put, "post": .post, "delete": .delete, "options": .options, "head": .head, "patch": .patch, "trace": .trace,
    ]

    /// - Throws: when `yaml` is not an OpenAPI document with `paths`.
    init(yaml: String) throws {
        guard let document = try Yams.load(yaml: yaml) as? [String: Any], let paths = document["paths"] as? [String: Any] else {
            throw CatalogError(details: "no paths")
        }
        let defaultIsPublic = (document["security"] as? [Any])?.isEmpty ?? true
        operations = try paths.flatMap { path, item -> [Operation] in
            guard let item = item as? [String: Any] else { throw CatalogError(details: "path \(path) is not an object") }
            return try item.compactMap { key, value -> Operation? in
                guard let method = Self.methods[key] else { return nil }
                guard let operation = value as? [String: Any], let id = operation["operationId"] as? String else {
                    throw CatalogError(details: "\(key.uppercased()) \(path) has no operationId")
                }
                let isPublic = (operation["security"] as? [Any]).map(\.isEmpty) ?? defaultIsPublic
                return Operation(method: method, path: path, operationID: id, isPublic: isPublic)
            }
        }.sorted { ($0.path, $0.method.rawValue) < ($1.path, $1.method.rawValue) }
    }

    /// The documented operation `method` and `path` (a concrete path, without query) call, if any.
    func operation(_ method: HTTPRequest.Method, path: String) -> Operation? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return operations.first { $0.method == method && $0.matches(segments) }
    }

    /// The methods documented for the template `path` matches; empty for an undocumented path.
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return operations.filter { $0.matches(segments) }.map(\.method)
    }

    struct CatalogError: Error, CustomStringConvertible {
        let details: String
        var description: String { "openapi.yaml: \(details)" }
    }
}
