import Foundation
import HTTPTypes
import Hummingbird
import InsightAPI
import InsightAuth
import InsightCore
import InsightOnboardingInput
import NIOCore

/// The console at `/console`: its page and assets, and its own endpoints under `/console/api/`
/// for what the Insight API has no operation for: signing in with a login link, and the
/// pipeline's jobs (a batch, its progress and files, a device swap with its labels), gateway
/// search. Everything else the page asks the Insight API itself, with the same IdToken.
///
/// Every endpoint but sign-in demands the IdToken (`Authorization`) and checks the principal's
/// permissions as the API does; its refusals spend the client's failure budget.
public struct ConsoleRoutes: AdditionalRoutes {
    /// The built-in issuer that login links are exchanged for IdTokens of; nil when the server
    /// verifies an external issuer's tokens (`--jwks`), where people sign in with those.
    let issuer: TokenIssuer?
    let dataDirectory: URL
    /// How long a console session's IdToken lasts: a working day.
    static let sessionLifetime: TimeInterval = 10 * 3600
    static let apiPrefix = "/console/api/"

    public init(issuer: TokenIssuer?, dataDirectory: URL) {
        self.issuer = issuer
        self.dataDirectory = dataDirectory
    }

    public var credentialPathPrefixes: [String] { [Self.apiPrefix] }

    public func add(to router: Router<InsightRequestContext>, server: InsightServer) throws {
        let batches = ConsoleBatches(dataDirectory: dataDirectory, server: server)
        let endpoints = ConsoleEndpoints(server: server, issuer: issuer, batches: batches)
        // The router ignores a trailing slash: this serves `/console/` too.
        router.get("/console") { _, _ in ConsoleAssets.response(ConsoleAssets.page) }
        router.get("/console/assets/:name") { _, context in
            guard let asset = ConsoleAssets.files[context.parameters.get("name") ?? ""] else {
                throw InsightError.notFound("The console has no such file.")
            }
            return ConsoleAssets.response(asset)
        }
        let api = router.group(RouterPath(String(Self.apiPrefix.dropLast())))
        api.post("sign-in") { request, _ in try await endpoints.signIn(request) }
        api.post("csv-check") { request, _ in try await endpoints.checkCSV(request) }
        api.get("batches") { request, _ in try await endpoints.listBatches(request) }
        api.post("batches") { request, _ in try await endpoints.startBatch(request) }
        api.get("batches/:batch") { request, context in try await endpoints.batchStatus(request, id: context.parameters.get("batch") ?? "") }
        api.get("batches/:batch/progress") { request, context in try await endpoints.batchProgress(request, id: context.parameters.get("batch") ?? "") }
        api.get("batches/:batch/file") { request, context in try await endpoints.batchFile(request, id: context.parameters.get("batch") ?? "") }
        api.get("batches/:batch/packages.zip") { request, context in try await endpoints.batchPackages(request, id: context.parameters.get("batch") ?? "") }
        api.get("gateways") { request, _ in try await endpoints.searchGateways(request) }
        api.get("gateway-facets") { request, _ in try await endpoints.gatewayFacets(request) }
        api.get("gateways/:gateway") { request, context in try await endpoints.gatewayDetails(request, id: context.parameters.get("gateway") ?? "") }
        api.post("gateways/:gateway/swap") { request, context in try await endpoints.swap(request, id: context.parameters.get("gateway") ?? "") }
    }
}
