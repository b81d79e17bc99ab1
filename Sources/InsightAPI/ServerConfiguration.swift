import Foundation
import InsightAuth
import InsightCore
import InsightStore

/// Everything `buildApplication` needs to assemble a server.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The address clients and gateways reach this server at (used in links and packages).
    public var publicURL: String
    public var store: any InsightStore
    public var verifier: any TokenVerifier

    public init(host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil, store: any InsightStore, verifier: any TokenVerifier) {
        self.host = host
        self.port = port
        self.publicURL = publicURL ?? "http://\(host):\(port)"
        self.store = store
        self.verifier = verifier
    }
}
