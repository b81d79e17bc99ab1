import Foundation
import InsightAuth
import InsightCore
import InsightProvisioning
import InsightStore

/// Everything `buildApplication` needs to assemble a server.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var store: any InsightStore
    public var verifier: any TokenVerifier
    public var provisioning: ProvisioningService

    public init(host: String = "127.0.0.1", port: Int = 8080, store: any InsightStore, verifier: any TokenVerifier, provisioning: ProvisioningService) {
        self.host = host
        self.port = port
        self.store = store
        self.verifier = verifier
        self.provisioning = provisioning
    }
}
