import Foundation
import InsightCore
import SQLKit

extension SQLStore {
    public func devices(customerID: String, page: PageRequest) async throws -> Page<Device> {
        let devices = try await backend.read({ db in
            db.select().columns(DeviceRow.selectedColumns).from("devices").where("customer_id", .equal, customerID)
                .keysetPage(after: page.after, limit: page.limit)
                .query
        }, row: DeviceRow.device(reading:))
        return Page(rows: devices, limit: page.limit) { PageCursor(created: $0.created, id: $0.id) }
    }

    public func device(id: String, customerID: String) async throws -> Device? {
        try await backend.read({ db in
            db.select().columns(DeviceRow.selectedColumns).from("devices").where("customer_id", .equal, customerID).where("id", .equal, id).query
        }, row: DeviceRow.device(reading:)).first
    }

    public func setStatus(_ status: Device.Status, deviceID: String, customerID: String, at now: Timestamp) async throws -> Device? {
        let updated = try await backend.withConnection { db in
            try await db.update("devices").set("status", to: status.rawValue).set("last_updated", to: now.rawValue)
                .where("customer_id", .equal, customerID).where("id", .equal, deviceID)
                .returning("id")
                .first(decodingColumn: "id", as: String.self)
        }
        return updated == nil ? nil : try await device(id: deviceID, customerID: customerID)
    }
}
