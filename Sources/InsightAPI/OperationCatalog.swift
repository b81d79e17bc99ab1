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
        operations.first { $0.method == method && Self.path(path, matches: $0.path) }
    }

    /// The methods documented for the template `path` matches; empty for an undocumented path.
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        operations.filter { Self.path(path, matches: $0.path) }.map(\.method)
    }

    /// Whether the concrete `path` fits `template`, where each `{name}` stands for one non-empty segment.
    static func path(_ path: String, matches template: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let templateSegments = template.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count == templateSegments.count else { return false }
        return zip(segments, templateSegments).allSatisfy { segment, templateSegment in
            templateSegment.hasPrefix("{") && templateSegment.hasSuffix("}") ? !segment.isEmpty : segment == templateSegment
        }
    }

    struct CatalogError: Error, CustomStringConvertible {
        let details: String
        var description: String { "openapi.yaml: \(details)" }
    }
}
