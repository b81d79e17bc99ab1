import Foundation
import InsightCore
import SQLKit

extension SQLStore {
    public func recordProvisioning(_ records: [ProvisioningRecord], at now: Timestamp) async throws {
        guard !records.isEmpty else { return }
        try await inTransaction { db in
            try await Self.write(records.map { GatewayRow($0.gateway) }, in: db)
            let gatewayIDs = records.map { $0.gateway.id.lowercasedString }
            try await db.update("provisioning_tokens").set("voided_at", to: now.rawValue)
                .where("gateway_id", .in, gatewayIDs).where("redeemed_at", .is, SQLLiteral.null).where("voided_at", .is, SQLLiteral.null)
                .run()
            let revoked = records.flatMap(\.revokedSerials)
            if !revoked.isEmpty {
                try await db.update("certificates").set("revoked_at", to: now.rawValue)
                    .where("serial", .in, revoked).where("revoked_at", .is, SQLLiteral.null).run()
            }
            try await db.insert(into: "certificates").models(records.map { CertificateRow($0.certificate) }).run()
            try await db.insert(into: "provisioning_tokens").models(records.map { TokenRow($0.token) }).run()
            let packages = records.compactMap(\.package).map(PackageRow.init)
            if !packages.isEmpty { try await db.insert(into: "packages").models(packages).run() }
        }
    }

    public func redeemToken(hash tokenHash: Data, at now: Timestamp) async throws -> TokenRecord? {
        // One conditional UPDATE … RETURNING: the database decides which concurrent caller wins.
        try await backend.withConnection { db in
            try await db.update("provisioning_tokens").set("redeemed_at", to: now.rawValue)
                .where("token_hash", .equal, tokenHash)
                .where("redeemed_at", .is, SQLLiteral.null).where("voided_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, now.rawValue)
                .returning(SQLLiteral.all)
                .first(decoding: TokenRow.self)?.record()
        }
    }

    public func spentTokens(hashes: [Data], customerID: String) async throws -> [Data: SpentToken] {
        var spent: [Data: SpentToken] = [:]
        for start in stride(from: 0, to: hashes.count, by: 500) {
            let chunk = Array(hashes[start..<min(start + 500, hashes.count)])
            let rows = try await backend.withConnection { db in
                try await db.select().column("token_hash").column("redeemed_at").column("voided_at").from("provisioning_tokens")
                    .where("customer_id", .equal, customerID).where("token_hash", .in, chunk)
                    .where { $0.where("redeemed_at", .isNot, SQLLiteral.null).orWhere("voided_at", .isNot, SQLLiteral.null) }
                    .all(decoding: SpentTokenRow.self)
            }
            for row in rows { spent[row.token_hash] = row.redeemed_at != nil ? .redeemed : .voided }
        }
        return spent
    }

    private struct SpentTokenRow: Decodable {
        let token_hash: Data
        let redeemed_at: Int64?
        let voided_at: Int64?
    }

    public func latestPackage(gatewayID: UUID, customerID: String) async throws -> PackageRecord? {
        try await backend.withConnection { db in
            try await db.select().columns("*").from("packages")
                .where("customer_id", .equal, customerID).where("gateway_id", .equal, gatewayID.lowercasedString)
                .orderBy("created", .descending).limit(1)
                .first(decoding: PackageRow.self)?.record()
        }
    }

    public func package(id: UUID) async throws -> PackageRecord? {
        try await backend.withConnection { db in
            try await db.select().columns("*").from("packages").where("id", .equal, id.lowercasedString)
                .first(decoding: PackageRow.self)?.record()
        }
    }

    public func purgePackageData(createdBefore cutoff: Timestamp) async throws -> Int {
        try await backend.withConnection { db in
            let purged = try await db.update("packages").set("data", to: SQLBind(Data()))
                .where("created", .lessThan, SQLBind(cutoff.rawValue)).where(SQLFunction("length", args: SQLIdentifier("data")), .greaterThan, SQLBind(0))
                .returning("id").all()
            return purged.count
        }
    }

    public func activeCertificates(gatewayID: UUID, customerID: String) async throws -> [CertificateRecord] {
        try await backend.withConnection { db in
            try await db.select().columns("*").from("certificates")
                .where("customer_id", .equal, customerID).where("gateway_id", .equal, gatewayID.lowercasedString)
                .where("revoked_at", .is, SQLLiteral.null)
                .all(decoding: CertificateRow.self).map { try $0.record() }
        }
    }

    public func revokedCertificates(customerID: String) async throws -> [CertificateRecord] {
        try await backend.withConnection { db in
            try await db.select().columns("*").from("certificates")
                .where("customer_id", .equal, customerID).where("revoked_at", .isNot, SQLLiteral.null)
                .orderBy("revoked_at")
                .all(decoding: CertificateRow.self).map { try $0.record() }
        }
    }
}
