import Foundation
import InsightCore
import SQLKit

/// A `gateways` row as written; column names are the coding keys.
struct GatewayRow: Encodable, Sendable {
    var id: String
    var customer_id: String
    var name: String
    var usecase: String
    var station: String
    var kind: String
    var model: String?
    var manufacturer: String?
    var firmware: String?
    /// 1 once provisioned, else 0.
    var provisioned: Int64
    /// Written by event ingest only (never by `update`), so that it needs no `version`.
    var last_message_at: Int64?
    var created: Int64
    var last_updated: Int64
    var version: Int64

    init(_ gateway: Gateway) {
        id = gateway.id.lowercasedString
        customer_id = gateway.customerID
        name = gateway.name
        usecase = gateway.usecase
        station = gateway.station
        kind = gateway.kind.rawValue
        model = gateway.model
        manufacturer = gateway.manufacturer
        firmware = gateway.firmware
        provisioned = gateway.isProvisioned ? 1 : 0
        last_message_at = gateway.lastMessageAt?.rawValue
        created = gateway.created.rawValue
        last_updated = gateway.lastUpdated.rawValue
        version = Int64(gateway.version)
    }

    /// The columns `gateway(reading:)` reads, in its order.
    static let selectedColumns = [
        "id", "customer_id", "name", "usecase", "station", "kind", "model", "manufacturer", "firmware", "provisioned",
        "last_message_at", "created", "last_updated", "version",
    ].map { SQLIdentifier($0) }

    /// The gateway in a row that selected `selectedColumns`.
    static func gateway(reading row: inout RowColumns) throws -> Gateway {
        let id = try row.string()
        let customerID = try row.string()
        let name = try row.string()
        let usecase = try row.string()
        let station = try row.string()
        let kind = try row.string()
        guard let uuid = UUID(text: id), let kind = Gateway.Kind(rawValue: kind) else {
            throw InsightStoreError.corruptRow(table: "gateways", id: id)
        }
        return Gateway(
            id: uuid, customerID: customerID, name: name, usecase: usecase, station: station, kind: kind,
            model: try row.optionalString(), manufacturer: try row.optionalString(), firmware: try row.optionalString(),
            isProvisioned: try row.int64() != 0, lastMessageAt: try row.optionalInt64().map(Timestamp.init(rawValue:)),
            created: Timestamp(rawValue: try row.int64()), lastUpdated: Timestamp(rawValue: try row.int64()),
            version: Int(try row.int64())
        )
    }
}

/// A `customers` row.
struct CustomerRow: Codable, Sendable {
    var id: String
    var name: String
    var created: Int64

    init(_ customer: Customer) {
        id = customer.id
        name = customer.name
        created = customer.created.rawValue
    }

    var customer: Customer { Customer(id: id, name: name, created: Timestamp(rawValue: created)) }
}

/// Failures of the store itself (not of the caller's request).
enum InsightStoreError: Error, CustomStringConvertible {
    case corruptRow(table: String, id: String)

    var description: String {
        switch self {
        case .corruptRow(let table, let id): "The row '\(id)' of table '\(table)' holds values this version cannot read."
        }
    }
}

/// An `idempotency_keys` row; `resource_ids` is a JSON array of lower-case UUID strings.
struct IdempotencyRow: Codable, Sendable {
    var customer_id: String
    var key: String
    var operation: String
    var request_sha256: String
    var resource_ids: String
    var created: Int64

    init(_ record: IdempotencyRecord) throws {
        customer_id = record.customerID
        key = record.key
        operation = record.operation
        request_sha256 = record.requestSHA256
        resource_ids = String(decoding: try JSONEncoder().encode(record.resourceIDs.map { $0.lowercasedString }), as: UTF8.self)
        created = record.created.rawValue
    }

    func record() throws -> IdempotencyRecord {
        let strings = try JSONDecoder().decode([String].self, from: Data(resource_ids.utf8))
        let ids = try strings.map { string in
            guard let id = UUID(text: string) else { throw InsightStoreError.corruptRow(table: "idempotency_keys", id: key) }
            return id
        }
        return IdempotencyRecord(
            customerID: customer_id, key: key, operation: operation, requestSHA256: request_sha256,
            resourceIDs: ids, created: Timestamp(rawValue: created)
        )
    }
}
