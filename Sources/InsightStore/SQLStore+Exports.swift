import Foundation
import InsightCore
import SQLKit

extension SQLStore {
    public func insert(_ export: EventExport, claim: ExportClaim?, leaseUntil: Timestamp?) async throws {
        let row = EventExportRow(export, claim: claim, leaseUntil: leaseUntil)
        try await inTransaction { db in try await db.insert(into: "event_exports").model(row).run() }
    }

    public func export(id: UUID) async throws -> EventExport? {
        try await backend.withConnection { db in
            try await db.select().columns("*").from("event_exports").where("id", .equal, id.lowercasedString)
                .first(decoding: EventExportRow.self)?.export()
        }
    }

    public func claimNextTask(now: Timestamp, leaseUntil: Timestamp) async throws -> (EventExport, ExportClaim)? {
        let lock = backend.lockRowsSkippingLocked
        let token = UUID()
        return try await inTransaction { db in
            var query = db.select().column("id").from("event_exports")
                .where("is_task", .equal, 1)
                .where { waiting in
                    waiting.where("status", .equal, EventExport.Status.pending.rawValue).orWhere { stalled in
                        stalled.where("status", .equal, EventExport.Status.running.rawValue).where("lease_until", .lessThan, now.rawValue)
                    }
                }
                .orderBy("requested").orderBy("id").limit(1)
            if let lock { query = query.lockingClause(lock) }
            guard let id = try await query.first(decodingColumn: "id", as: String.self) else { return nil }
            try await db.delete(from: "event_export_parts").where("export_id", .equal, id).run()
            try await db.update("event_exports")
                .set("status", to: EventExport.Status.running.rawValue).set("claim_token", to: token.lowercasedString)
                .set("lease_until", to: leaseUntil.rawValue).set("byte_count", to: 0).set("row_count", to: 0)
                .where("id", .equal, id).run()
            guard let row = try await db.select().columns("*").from("event_exports").where("id", .equal, id).first(decoding: EventExportRow.self) else {
                return nil
            }
            let export = try row.export()
            return (export, ExportClaim(exportID: export.id, token: token))
        }
    }

    public func appendPart(_ data: Data, sequence: Int, claim: ExportClaim, leaseUntil: Timestamp) async throws {
        try await inTransaction { db in
            try await Self.requireClaim(claim, in: db)
            try await db.insert(into: "event_export_parts").columns("export_id", "sequence", "data")
                .values(SQLBind(claim.exportID.lowercasedString), SQLBind(sequence), SQLBind(data)).run()
            try await db.update("event_exports").set("lease_until", to: leaseUntil.rawValue)
                .where("id", .equal, claim.exportID.lowercasedString).run()
        }
    }

    public func complete(_ export: EventExport, claim: ExportClaim) async throws {
        try await inTransaction { db in
            try await Self.requireClaim(claim, in: db)
            try await db.update("event_exports")
                .set("status", to: export.status.rawValue).set("completed", to: export.completed?.rawValue)
                .set("byte_count", to: export.byteCount).set("row_count", to: export.rowCount).set("failure", to: export.failure)
                .set("claim_token", to: SQLLiteral.null).set("lease_until", to: SQLLiteral.null)
                .where("id", .equal, export.id.lowercasedString).run()
        }
    }

    public func part(exportID: UUID, sequence: Int) async throws -> Data? {
        try await backend.withConnection { db in
            try await db.select().column("data").from("event_export_parts")
                .where("export_id", .equal, exportID.lowercasedString).where("sequence", .equal, sequence)
                .first(decodingColumn: "data", as: Data.self)
        }
    }

    public func deleteExports(completedBefore date: Timestamp) async throws -> Int {
        try await inTransaction { db in
            let ids = try await db.select().column("id").from("event_exports").where("completed", .lessThan, date.rawValue)
                .all(decodingColumn: "id", as: String.self)
            guard !ids.isEmpty else { return 0 }
            try await db.delete(from: "event_export_parts").where("export_id", .in, ids).run()
            try await db.delete(from: "event_exports").where("id", .in, ids).run()
            return ids.count
        }
    }

    /// Locks the export's row and checks that `claim` still holds it.
    /// - Throws: `conflict` when another worker took the export over (or it is gone).
    private static func requireClaim(_ claim: ExportClaim, in db: any SQLDatabase) async throws {
        let token = try await db.select().column("claim_token").from("event_exports")
            .where("id", .equal, claim.exportID.lowercasedString).for(.update)
            .first(decodingColumn: "claim_token", as: String?.self)
        guard token == claim.token.lowercasedString else {
            throw InsightError.conflict("Export \(claim.exportID) is no longer claimed by this worker.")
        }
    }
}
