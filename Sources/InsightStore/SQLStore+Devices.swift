import Foundation
import InsightCore
import SQLKit

extension SQLStore {
    public func devices(customerID: String, page: PageRequest) async throws -> Page<Device> {
        let rows = try await backend.withConnection { db in
            try await db.select().columns("*").from("devices").where("customer_id", .equal, customerID)
                .keysetPage(after: page.after, limit: page.limit)
                .all(decoding: DeviceRow.self)
        }
        return try Page(rows: rows, limit: page.limit) { try $0.device() } cursor: { PageCursor(created: $0.created, id: $0.id) }
    }

    public func device(id: String, customerID: String) async throws -> Device? {
        try await backend.withConnection { db in
            try await db.select().columns("*").from("devices").where("customer_id", .equal, customerID).where("id", .equal, id)
                .first(decoding: DeviceRow.self)?.device()
        }
    }

    public func setStatus(_ status: Device.Status, deviceID: String, customerID: String, at now: Timestamp) async throws -> Device? {
        try await backend.withConnection { db in
            try await db.update("devices").set("status", to: status.rawValue).set("last_updated", to: now.rawValue)
                .where("customer_id", .equal, customerID).where("id", .equal, deviceID)
                .returning(SQLLiteral.all)
                .first(decoding: DeviceRow.self)?.device()
        }
    }
}
