import Foundation
import Hummingbird
import InsightCore
import InsightOpenAPI
import Logging
import OpenAPIHummingbird

/// The composition root: a Hummingbird application serving the Insight API over `configuration`.
///
/// Middleware order, outermost first: CORS (answers `OPTIONS`, stamps headers on every response),
/// errors as `{title, details}`, the 1 MiB body limit, empty POST bodies as `{}`, authentication. The store's lifetime is
/// the caller's: shut it down after the application returns.
///
/// - Parameter onServerRunning: called with the port once the server listens (port 0 picks a free one).
public func buildApplication(
    _ configuration: ServerConfiguration, logger: Logger = Logger(label: "insight"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let router = try buildRouter(configuration)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "insight"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}

/// The router alone, for in-process tests (`app.test(.router)`) and for `buildApplication`.
public func buildRouter(_ configuration: ServerConfiguration) throws -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: CORSMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: BodyLimitMiddleware())
    router.add(middleware: EmptyBodyMiddleware())
    router.add(middleware: AuthenticationMiddleware(verifier: configuration.verifier))
    router.get("openapi.yaml") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.yaml))
        )
    }
    let handlers = APIHandlers(gateways: GatewayService(store: configuration.store), provisioning: configuration.provisioning)
    try handlers.registerHandlers(on: router)
    return router
}
