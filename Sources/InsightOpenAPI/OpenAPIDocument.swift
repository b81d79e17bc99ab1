/// The OpenAPI document this server implements, exactly as written in `openapi.yaml`.
///
/// Embedded at build time (SwiftPM `embedInCode`), so the served document can never drift from
/// the one the server and client code were generated from.
public enum OpenAPIDocument {
    /// The YAML bytes of `openapi.yaml`.
    public static var yaml: [UInt8] { PackageResources.openapi_document_yaml }
}
