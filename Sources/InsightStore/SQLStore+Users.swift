import Foundation
import InsightCore
import SQLKit

extension SQLStore {
    public func insert(_ user: User) async throws {
        try await inTransaction(conflictMessage: "A user with email '\(user.email)' already exists in this customer.") { db in
            try await db.insert(into: "users").model(UserRow(user)).run()
        }
    }

    public func user(id: String, customerID: String) async throws -> User? {
        try await backend.read({ db in
            db.select().columns(UserRow.selectedColumns).from("users").where("customer_id", .equal, customerID).where("id", .equal, id).query
        }, row: UserRow.user(reading:)).first
    }

    public func user(email: String, customerID: String) async throws -> User? {
        try await backend.read({ db in
            db.select().columns(UserRow.selectedColumns).from("users")
                .where("customer_id", .equal, customerID).where("email_key", .equal, EmailAddress.key(email))
                .query
        }, row: UserRow.user(reading:)).first
    }

    public func users(customerID: String, page: PageRequest) async throws -> Page<User> {
        let users = try await backend.read({ db in
            db.select().columns(UserRow.selectedColumns).from("users").where("customer_id", .equal, customerID)
                .keysetPage(after: page.after, limit: page.limit)
                .query
        }, row: UserRow.user(reading:))
        return Page(rows: users, limit: page.limit) { PageCursor(created: $0.created, id: $0.id) }
    }

    public func update(_ user: User) async throws {
        let row = UserRow(user)
        try await inTransaction { db in
            let administrators = try await Self.lockAdministrators(of: row.customer_id, in: db)
            guard try await Self.userExists(id: row.id, customerID: row.customer_id, in: db) else {
                throw InsightError.notFound("There is no user '\(row.id)' in this customer.")
            }
            if !user.roles.contains(.admin) { try Self.refuseRemoving(row.id, ifLastOf: administrators) }
            try await db.update("users")
                .set("first_name", to: row.first_name).set("last_name", to: row.last_name).set("language", to: row.language)
                .set("roles", to: row.roles).set("last_updated", to: row.last_updated)
                .where("customer_id", .equal, row.customer_id).where("id", .equal, row.id)
                .run()
        }
    }

    public func deleteUser(id: String, customerID: String) async throws {
        try await inTransaction { db in
            let administrators = try await Self.lockAdministrators(of: customerID, in: db)
            guard try await Self.userExists(id: id, customerID: customerID, in: db) else {
                throw InsightError.notFound("There is no user '\(id.prefix(64))' in this customer.")
            }
            try Self.refuseRemoving(id, ifLastOf: administrators)
            try await db.delete(from: "consents").where("customer_id", .equal, customerID).where("user_id", .equal, id).run()
            try await db.delete(from: "users").where("customer_id", .equal, customerID).where("id", .equal, id).run()
        }
    }

    /// Whether the customer has the user, read in the transaction of `db`.
    private static func userExists(id: String, customerID: String, in db: any SQLDatabase) async throws -> Bool {
        try await db.select().column("id").from("users")
            .where("customer_id", .equal, customerID).where("id", .equal, id)
            .first(decodingColumn: "id", as: String.self) != nil
    }

    /// The ids of the customer's administrators, locked until the transaction ends, so that two
    /// transactions that each demote or delete one of the last two administrators run one after
    /// the other and the second sees the first's change (PostgreSQL re-reads a row it waited for
    /// and leaves it out once it no longer matches; SQLite's single writer serialises anyway).
    private static func lockAdministrators(of customerID: String, in db: any SQLDatabase) async throws -> [String] {
        try await db.select().column("id").from("users")
            .where("customer_id", .equal, customerID).where("roles", .like, "%\(Role.admin.rawValue)%")
            .orderBy("id")
            .for(.update)
            .all(decodingColumn: "id", as: String.self)
    }

    /// - Throws: `InsightError.conflict` when `userID` is the only one of `administrators`.
    private static func refuseRemoving(_ userID: String, ifLastOf administrators: [String]) throws {
        guard administrators != [userID] else {
            throw InsightError.conflict("User '\(userID)' is the customer's last administrator; make another user ADMIN_ROLE first.")
        }
    }
}
