import Foundation
import InsightCore
import SQLKit

extension SQLStore {
    // MARK: Job configs

    public func insert(_ config: JobConfig) async throws {
        let row = try JobConfigRow(config)
        try await inTransaction(conflictMessage: "A job config named '\(config.name)' already exists in this customer.") { db in
            try await db.insert(into: "job_configs").model(row).run()
        }
    }

    public func jobConfig(id: UUID, customerID: String) async throws -> JobConfig? {
        try await backend.withConnection { db in
            try await db.select().columns("*").from("job_configs")
                .where("customer_id", .equal, customerID).where("id", .equal, id.lowercasedString)
                .first(decoding: JobConfigRow.self)?.jobConfig()
        }
    }

    public func jobConfigs(customerID: String) async throws -> [JobConfig] {
        try await backend.withConnection { db in
            try await db.select().columns("*").from("job_configs").where("customer_id", .equal, customerID)
                .orderBy("created").orderBy("id")
                .all(decoding: JobConfigRow.self).map { try $0.jobConfig() }
        }
    }

    public func deleteJobConfig(id: UUID, customerID: String) async throws -> Bool {
        try await deleteRow(from: "job_configs", id: id.lowercasedString, customerID: customerID)
    }

    // MARK: Device configs

    public func put(_ config: DeviceConfig) async throws -> DeviceConfigMetadata {
        let row = DeviceConfigRow(config)
        return try await backend.withConnection { db in
            let stored = try await db.insert(into: "device_configs").model(row)
                .onConflict(with: ["customer_id", "id"]) { update in
                    update.set(excludedValueOf: "name").set(excludedValueOf: "file_size")
                        .set(excludedValueOf: "last_modified").set(excludedValueOf: "data")
                }
                .returning(DeviceConfigRow.metadataColumns.map { SQLColumn($0) })
                .first(decoding: DeviceConfigRow.self)
            guard let stored else { throw InsightError.internalError("Storing device config '\(row.id)' returned no row.") }
            return stored.metadata
        }
    }

    public func deviceConfigs(customerID: String) async throws -> [DeviceConfigMetadata] {
        try await backend.withConnection { db in
            try await db.select().columns(DeviceConfigRow.metadataColumns.map { SQLColumn($0) }).from("device_configs")
                .where("customer_id", .equal, customerID).orderBy("id")
                .all(decoding: DeviceConfigRow.self).map(\.metadata)
        }
    }

    public func deviceConfig(id: String, customerID: String) async throws -> DeviceConfig? {
        try await backend.withConnection { db in
            try await db.select().columns("*").from("device_configs")
                .where("customer_id", .equal, customerID).where("id", .equal, id)
                .first(decoding: DeviceConfigRow.self)?.deviceConfig()
        }
    }

    public func deleteDeviceConfig(id: String, customerID: String) async throws -> Bool {
        try await deleteRow(from: "device_configs", id: id, customerID: customerID)
    }

    /// Deletes the row of `table` with `id` in `customerID`; whether there was one.
    private func deleteRow(from table: String, id: String, customerID: String) async throws -> Bool {
        try await backend.withConnection { db in
            try await db.delete(from: table).where("customer_id", .equal, customerID).where("id", .equal, id)
                .returning("id").all().count > 0
        }
    }
}
