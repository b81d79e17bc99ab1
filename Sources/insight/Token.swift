import ArgumentParser
import Foundation
import InsightAuth
import InsightCore

/// `insight token`: prints an IdToken for the `Authorization` header.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an IdToken for the Authorization header, creating the customer (with 'new') and the user if missing."
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
            return (user, try await TokenIssuer.load(secrets: state.secrets(of: store)).issue(for: user))
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
