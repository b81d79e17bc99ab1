import Foundation
import InsightCore

/// A `job_configs` row; `gateway_ids` is a JSON array of lower-case UUIDs.
struct JobConfigRow: Codable, Sendable {
    var id: String
    var customer_id: String
    var job_name: String
    var start_barcode: String
    var end_barcode: String
    var gateway_ids: String
    var created: Int64
    var last_updated: Int64
    var version: Int64

    init(_ config: JobConfig) throws {
        id = config.id.lowercasedString
        customer_id = config.customerID
        job_name = config.name
        start_barcode = config.startBarcode
        end_barcode = config.endBarcode
        gateway_ids = String(decoding: try JSONEncoder().encode(config.gatewayIDs.map { $0.lowercasedString }), as: UTF8.self)
        created = config.created.rawValue
        last_updated = config.lastUpdated.rawValue
        version = Int64(config.version)
    }

    func jobConfig() throws -> JobConfig {
        let corrupt = InsightStoreError.corruptRow(table: "job_configs", id: id)
        guard let uuid = UUID(text: id), let texts = try? JSONDecoder().decode([String].self, from: Data(gateway_ids.utf8)) else { throw corrupt }
        let gatewayIDs = try texts.map { text in
            guard let gatewayID = UUID(text: text) else { throw corrupt }
            return gatewayID
        }
        return JobConfig(
            id: uuid, customerID: customer_id, name: job_name, startBarcode: start_barcode, endBarcode: end_barcode, gatewayIDs: gatewayIDs,
            created: Timestamp(rawValue: created), lastUpdated: Timestamp(rawValue: last_updated), version: Int(version)
        )
    }
}

/// A `device_configs` row; `data` is `nil` when only `metadataColumns` were read.
struct DeviceConfigRow: Codable, Sendable {
    static let metadataColumns = ["customer_id", "id", "name", "file_size", "created", "last_modified"]

    var customer_id: String
    var id: String
    var name: String
    var file_size: Int64
    var created: Int64
    var last_modified: Int64
    var data: Data?

    init(_ config: DeviceConfig) {
        let metadata = config.metadata
        customer_id = metadata.customerID
        id = metadata.id
        name = metadata.fileName
        file_size = Int64(metadata.fileSize)
        created = metadata.created.rawValue
        last_modified = metadata.lastModified.rawValue
        data = config.data
    }

    var metadata: DeviceConfigMetadata {
        DeviceConfigMetadata(
            id: id, customerID: customer_id, fileName: name, fileSize: Int(file_size),
            created: Timestamp(rawValue: created), lastModified: Timestamp(rawValue: last_modified)
        )
    }

    func deviceConfig() throws -> DeviceConfig {
        guard let data else { throw InsightStoreError.corruptRow(table: "device_configs", id: id) }
        return DeviceConfig(metadata: metadata, data: data)
    }
}
