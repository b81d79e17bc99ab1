import Hummingbird
import InsightCore
import Logging

/// Limits how many refused credentials a client address may present (`FailureBudget`): once its
/// budget is spent, every request that carries a credential (an IdToken, or a provisioning
/// token or download signature to a public operation) is answered 429 with `Retry-After`,
/// before the credential is looked at. The moment an address is cut off is logged, with the
/// address and the path, never the credential.
///
/// A refused credential is a 401 anywhere, or a 403 from a public operation (a provisioning
/// token that is unknown, used or expired; a download link's bad signature). A 403 to an
/// authenticated user is a question of permissions, not a guess, and spends nothing.
struct CredentialGuardMiddleware: RouterMiddleware {
    typealias Context = InsightRequestContext

    let budget: FailureBudget
    let catalog: OperationCatalog
    /// Paths beside the API whose every request carries a credential (the console's API).
    let credentialPathPrefixes: [String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let operation = catalog.operation(request.method, path: request.uri.path)
        let credentialed = operation.map(carriesCredential) ?? credentialPathPrefixes.contains { request.uri.path.hasPrefix($0) }
        guard credentialed else { return try await next(request, context) }
        let client = context.clientKey
        if let seconds = budget.wait(for: client) {
            throw InsightError.tooManyRequests(
                "Too many refused tokens or signatures came from \(client); try again in \(seconds) s.", retryAfterSeconds: seconds
            )
        }
        do {
            return try await next(request, context)
        } catch {
            let refused = ErrorMiddleware<Context>.insightError(for: error)
            if refused.kind == .unauthorized || (refused.kind == .forbidden && operation?.isPublic == true), budget.recordFailure(of: client) {
                context.logger.warning(
                    "A client presented too many refused credentials; it is refused with 429 until its budget refills",
                    metadata: ["client": "\(client)", "path": "\(request.uri.path)", "burst": "\(Int(budget.limits.burst))"]
                )
            }
            throw error
        }
    }

    /// Every operation but the open ones (`OPTIONS`, the login information).
    private func carriesCredential(_ operation: OperationCatalog.Operation) -> Bool {
        !operation.isPublic || Self.publicOperationsWithSecrets.contains(operation.operationID)
    }

    /// The public operations whose request is a secret: a token or a signed link.
    static let publicOperationsWithSecrets: Set<String> = ["redeemProvisioningToken", "downloadPackage", "downloadEventExport"]
}
