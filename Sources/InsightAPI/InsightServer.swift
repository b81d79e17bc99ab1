import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import InsightAuth
import InsightCore
import InsightOpenAPI
import InsightProvisioning
import InsightStore
import Logging
import NIOCore
import OpenAPIHummingbird
import OpenAPIRuntime
import ServiceLifecycle

/// The composition root of the Insight API: the one place where the store, the token verifier,
/// the login information and the provisioning service become use cases, handlers and
/// middleware. `insight serve`, the embedded server of the pipeline commands and the tests all
/// assemble their server here.
///
/// Middleware order, outermost first: CORS (answers `OPTIONS`, stamps headers on every
/// response), metrics, the request log and `X-Request-Id`, `nosniff` and `no-store` on every response, errors as `{title, details}` (405 for
/// a documented path's missing method), the failure budget of refused credentials (429), the
/// 1 MiB body limit and body timeout, empty POST bodies as `{}`, authentication (public
/// operations are those the document marks `security: []`; a token's user and roles are read
/// from the store). The store's lifetime is the caller's: shut it down after the server returns.
public struct InsightServer: Sendable {
    public var store: any InsightStore
    public var verifier: any TokenVerifier
    public var provisioning: ProvisioningService
    public var clock: any Clock
    /// What `GET /auth-information` answers: the values of the issuer whose tokens `verifier` accepts.
    public var authInformation: AuthInformation
    /// Services that run beside the HTTP server for exactly as long as it runs (ingesters, …),
    /// besides the export worker it always runs (`insight serve` adds `ExpiredPackagePurger`);
    /// they are started with it and shut down gracefully with it.
    public var backgroundServices: [any Service]
    /// Timeouts and the failure budget that defend the server from slow and guessing clients.
    public var defences: ServerDefences
    /// What `GET /metrics` reports.
    public var metrics: ServerMetrics
    /// Routes served beside the API (the console), behind the same middleware.
    public var additionalRoutes: [any AdditionalRoutes] = []

    public init(
        store: any InsightStore, verifier: any TokenVerifier, provisioning: ProvisioningService,
        authInformation: AuthInformation = TokenIssuer.authInformation, clock: any Clock = SystemClock(),
        backgroundServices: [any Service] = [], defences: ServerDefences = ServerDefences(), metrics: ServerMetrics = ServerMetrics()
    ) {
        self.store = store
        self.verifier = verifier
        self.provisioning = provisioning
        self.authInformation = authInformation
        self.clock = clock
        self.backgroundServices = backgroundServices
        self.defences = defences
        self.metrics = metrics
    }

    /// The export use cases; their links are signed with the package links' key and name the
    /// public URL.
    var exports: ExportService {
        ExportService(
            store: store, rows: EventCSVRows(store: store), linkSigner: provisioning.linkSigner.forCollection("exports"),
            publicURL: provisioning.settings.publicURL, clock: clock
        )
    }

    /// The worker that makes export tasks; `application` runs it beside the HTTP server.
    public var exportWorker: ExportWorker { ExportWorker(exports: exports) }

    /// The service that drops the packages of expired tokens, for a long-running server (the
    /// embedded one of a batch command lives seconds and leaves it out).
    public var expiredPackagePurger: ExpiredPackagePurger { ExpiredPackagePurger(provisioning: provisioning, clock: clock) }

    /// The handlers behind the middleware, without a listening server: for in-process tests
    /// (`app.test(.router)`) and for `application`.
    public func router() throws -> Router<InsightRequestContext> {
        let catalog = OperationCatalog.served
        let router = Router(context: InsightRequestContext.self)
        router.add(middleware: CORSMiddleware())
        router.add(middleware: RequestObservationMiddleware(metrics: metrics, catalog: catalog))
        router.add(middleware: NoStoreMiddleware())
        router.add(middleware: ErrorMiddleware(catalog: catalog))
        router.add(middleware: CredentialGuardMiddleware(
            budget: defences.failureBudget, catalog: catalog, credentialPathPrefixes: additionalRoutes.flatMap(\.credentialPathPrefixes)
        ))
        router.add(middleware: ClientAddressMiddleware())
        router.add(middleware: BodyLimitMiddleware(catalog: catalog, timeout: defences.bodyTimeout))
        router.add(middleware: EmptyBodyMiddleware())
        router.add(middleware: AuthenticationMiddleware(verifier: verifier, resolver: PrincipalResolver(users: store), catalog: catalog))
        router.add(middleware: DirectJSONBodyMiddleware())
        OpenAPIDocumentRoute.add(to: router)
        OperationsRoutes.add(to: router, store: store, metrics: metrics)
        let handlers = APIHandlers(
            store: store, provisioning: provisioning, exports: exports, authInformation: authInformation,
            maximumGatewaysPerCustomer: defences.maximumGatewaysPerCustomer, metrics: metrics, clock: clock
        )
        try handlers.registerHandlers(on: router, configuration: Self.wireConfiguration, middlewares: [VerbatimHeaderMiddleware()])
        for routes in additionalRoutes { try routes.add(to: router, server: self) }
        return router
    }

    /// The principal of an `Authorization` header, checked as the API checks it: the token's
    /// signature and claims by `verifier`, its user and roles as the store has them now.
    ///
    /// - Throws: `InsightError.unauthorized` for a missing, invalid or expired token or a deleted user.
    public func principal(authorization: String?) async throws -> Principal {
        let identity = try await verifier.identity(fromAuthorizationHeader: authorization)
        return try await PrincipalResolver(users: store).principal(for: identity)
    }

    /// JSON bodies compact, keys sorted (without sorting, Foundation writes them in hash order,
    /// which changes from process to process): the runtime's default also indents, which a
    /// 100,000-job analysis or a 500-item page pays for in time and bytes.
    static let wireConfiguration = Configuration(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes])

    /// The server listening on `host:port` with the background services beside it, over TLS
    /// when `tls` is given; connections idle for `defences.idleTimeout` (between requests, or
    /// before a request's head is complete) are closed.
    ///
    /// - Parameters:
    ///   - runsExportWorker: whether the export worker runs beside it (not for an embedded
    ///     server, which lives as long as one command and would only take other servers' tasks).
    ///   - onServerRunning: called with the port once the server listens (port 0 picks a free one).
    public func application(
        host: String, port: Int, tls: ServerTLS? = nil, logger: Logger = Logger(label: "insight"), runsExportWorker: Bool = true,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let http1 = HTTPServerBuilder.http1(configuration: .init(idleTimeout: TimeAmount(defences.idleTimeout)))
        return Application(
            router: try router(),
            server: try tls.map { try .tls(http1, tlsConfiguration: $0.configuration) } ?? http1,
            configuration: .init(address: .hostname(host, port: port), serverName: "insight"),
            services: (runsExportWorker ? [exportWorker] : []) + backgroundServices,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    /// Runs the server on a free loopback port for exactly as long as `body` runs, then stops it.
    ///
    /// This is the embedded server of `insight onboard` without `--server` and of the console's
    /// batches: `body` gets the URL to reach it at. It runs no export worker (it would take other
    /// servers' tasks on a shared database), only `backgroundServices`, which those leave empty. The server's own logs are kept to critical ones, since stopping it by
    /// cancellation logs errors that mean nothing here.
    ///
    /// - Throws: `LoopbackServerError` when the server does not start; whatever `body` throws.
    public func withLoopback<Result: Sendable>(_ body: (URL) async throws -> Result) async throws -> Result {
        var quiet = Logger(label: "insight.embedded")
        quiet.logLevel = .critical
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = try application(host: "127.0.0.1", port: 0, logger: quiet, runsExportWorker: false) { port in portContinuation.yield(port) }
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await app.runService(gracefulShutdownSignals: [])
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), let url = URL(string: "http://127.0.0.1:\(port)") else {
                throw LoopbackServerError()
            }
            let result = try await body(url)
            group.cancelAll()
            return result
        }
    }
}

/// Routes that a server serves beside the API (the console): added to the router after the
/// API's handlers, behind the same middleware; they authenticate their requests themselves
/// (`InsightServer.principal(authorization:)`), since the API's authentication knows only the
/// document's operations.
public protocol AdditionalRoutes: Sendable {
    /// Paths under these prefixes carry credentials: their refusals (401) spend the client's
    /// failure budget, and a client whose budget is spent is answered 429 there too.
    var credentialPathPrefixes: [String] { get }
    func add(to router: Router<InsightRequestContext>, server: InsightServer) throws
}

/// The embedded server did not start listening.
public struct LoopbackServerError: Error, CustomStringConvertible {
    public var description: String { "The embedded server did not start listening on 127.0.0.1." }
}

/// `GET /openapi.yaml`: the document the server and its clients were generated from.
enum OpenAPIDocumentRoute {
    static let path = "/openapi.yaml"

    static func add(to router: Router<InsightRequestContext>) {
        router.get(RouterPath(path)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.yaml))
            )
        }
    }
}

/// What a caller of an embedded server needs: where it listens and an administrator's IdToken.
public struct EmbeddedSession: Sendable {
    public let url: URL
    public let idToken: String
    public let customerID: String
}

extension InsightServer {
    /// Runs the server on loopback for as long as `body` runs, as the pipeline commands do
    /// without `--server`, with an IdToken of the administrator `email` of the chosen customer
    /// (created when missing, with the customer for `.new`), issued by `issuer`, whose
    /// verifier the server uses.
    public static func withEmbeddedSession<Result: Sendable>(
        store: any InsightStore, issuer: TokenIssuer, provisioning: ProvisioningService,
        customer: AccountService.CustomerChoice, email: String, _ body: (EmbeddedSession) async throws -> Result
    ) async throws -> Result {
        let user = try await AccountService(customers: store, users: store).ensureUser(customer: customer, email: email, role: .admin)
        let idToken = try await issuer.issue(for: user)
        let server = InsightServer(store: store, verifier: issuer.verifier, provisioning: provisioning)
        return try await server.withLoopback { url in
            try await body(EmbeddedSession(url: url, idToken: idToken, customerID: user.customerID))
        }
    }
}
