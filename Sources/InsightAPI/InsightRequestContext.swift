import Hummingbird
import NIOCore

/// The request context of the Insight server: Hummingbird's basic one, plus the client's
/// address (the peer of the connection; no forwarding header is trusted), which the failure
/// budget is kept by.
public struct InsightRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The key of the client's failure budget: its IP address, or "local" when it has none
    /// (a Unix socket, an in-process test).
    var clientKey: String { remoteAddress?.ipAddress ?? "local" }
}
