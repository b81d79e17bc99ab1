import ArgumentParser
import Foundation
import InsightAuth
import InsightCore
import InsightProvisioning

/// `insight token`: prints an IdToken for the `Authorization` header.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an IdToken for the Authorization header (or a console sign-in link), creating the customer (with 'new') and the user if missing."
    )

    @OptionGroup var state: StateOptions

    @Option(help: ArgumentHelp("A customer id, or 'new' to create a customer.", valueName: "id|new"))
    var customer: String

    @Option(help: "The user's email address.")
    var email: String

    @Option(help: "ADMIN_ROLE or USER_ROLE.")
    var role: Role = .admin

    @Flag(help: "Print {\"customer_id\": ..., \"token\": ...} instead of the bare token.")
    var json = false

    @Flag(help: "Print a one-time sign-in link of the console instead (valid 15 minutes, single use).")
    var loginLink = false

    @Option(help: ArgumentHelp("With --login-link: the address people reach insight serve at (default: the data directory's recorded public URL, else http://127.0.0.1:8080).", valueName: "url"))
    var publicURL: String?

    @Option(help: ArgumentHelp("How long the IdToken lives, in seconds (default 12 hours).", valueName: "seconds"))
    var lifetime: Int?

    func validate() throws {
        if let lifetime, !(1...(7 * 86_400)).contains(lifetime) { throw ValidationError("--lifetime must be 1 to 604800 seconds.") }
        if lifetime != nil, loginLink { throw ValidationError("--lifetime applies to IdTokens; a login link lives 15 minutes and its session 10 hours.") }
        if json, loginLink { throw ValidationError("--json and --login-link exclude each other.") }
        if publicURL != nil, !loginLink { throw ValidationError("--public-url goes with --login-link.") }
    }

    func run() async throws {
        let state = self.state.resolved()
        let (user, token) = try await state.withStore { store in
            let user: User
            do {
                let accounts = AccountService(customers: store, users: store)
                user = try await accounts.ensureUser(customer: customer == "new" ? .new : .existing(customer), email: email, role: role)
            } catch let error as InsightError {
                throw CommandFailure(error.details)
            }
            if loginLink {
                let secret = try await LoginLinkService(links: store, users: store).issue(for: user)
                let base = publicURL ?? PublicAddresses.recorded(in: state.dataDirectory)?.publicURL ?? ProvisioningSettings.defaultPublicURL
                return (user, LoginLinkService.url(publicURL: base, secret: secret))
            }
            let issuer = try await TokenIssuer.load(secrets: state.secrets(of: store))
            return (user, try await issuer.issue(for: user, lifetime: lifetime.map(TimeInterval.init) ?? TokenIssuer.standardLifetime))
        }
        if json {
            let output = try JSONSerialization.data(withJSONObject: ["customer_id": user.customerID, "token": token], options: [.sortedKeys])
            print(String(decoding: output, as: UTF8.self))
        } else {
            print(token)
        }
    }
}

extension Role: ExpressibleByArgument {}
