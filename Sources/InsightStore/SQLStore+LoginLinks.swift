import Foundation
import InsightCore
import SQLKit

extension SQLStore {
    public func insertLoginLink(hash: Data, userID: String, customerID: String, expiresAt: Timestamp) async throws {
        try await backend.withConnection { db in
            try await db.delete(from: "login_links").where("expires_at", .lessThan, expiresAt.rawValue - Self.spentLinkRetention).run()
            try await db.insert(into: "login_links").columns("link_hash", "user_id", "customer_id", "expires_at")
                .values(SQLBind(hash), SQLBind(userID), SQLBind(customerID), SQLBind(expiresAt.rawValue))
                .run()
        }
    }

    public func redeemLoginLink(hash: Data, at now: Timestamp) async throws -> (userID: String, customerID: String)? {
        // One conditional UPDATE … RETURNING: the database decides which concurrent caller wins.
        let row = try await backend.withConnection { db in
            try await db.update("login_links").set("redeemed_at", to: now.rawValue)
                .where("link_hash", .equal, hash).where("redeemed_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, now.rawValue)
                .returning("user_id", "customer_id")
                .first(decoding: LoginLinkOwnerRow.self)
        }
        return row.map { ($0.user_id, $0.customer_id) }
    }

    /// How long links are kept past the expiry of the newest one: a day, then they go (every
    /// new link drops those), so that the table holds only recent links.
    static let spentLinkRetention: Int64 = 86_400_000

    private struct LoginLinkOwnerRow: Decodable {
        let user_id: String
        let customer_id: String
    }
}
