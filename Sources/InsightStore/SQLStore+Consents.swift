import InsightCore
import SQLKit

extension SQLStore {
    public func insert(_ consents: [Consent]) async throws {
        guard !consents.isEmpty else { return }
        try await inTransaction { db in
            try await db.insert(into: "consents").models(consents.map(ConsentRow.init)).ignoringConflicts().run()
        }
    }

    public func consents(userID: String, customerID: String) async throws -> [Consent] {
        try await consentRows(userIDs: [userID], customerID: customerID)
    }

    public func latestConsents(userIDs: [String], customerID: String) async throws -> [String: [ConsentType: Consent]] {
        // Oldest first, so that the last one seen per user and type is the latest.
        try await consentRows(userIDs: userIDs, customerID: customerID).reduce(into: [:]) { latest, consent in
            latest[consent.userID, default: [:]][consent.type] = consent
        }
    }

    /// The consents of `userIDs`, oldest first (ties in version order).
    private func consentRows(userIDs: [String], customerID: String) async throws -> [Consent] {
        guard !userIDs.isEmpty else { return [] }
        return try await backend.withConnection { db in
            try await db.select().columns("*").from("consents")
                .where("customer_id", .equal, customerID).where("user_id", .in, userIDs)
                .orderBy("agreed_on").orderBy("version")
                .all(decoding: ConsentRow.self).map { try $0.consent() }
        }
    }
}
