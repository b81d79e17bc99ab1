import Foundation
import InsightCore

/// An `event_exports` row; `claim_token` and `lease_until` belong to whoever makes the file.
struct EventExportRow: Codable, Sendable {
    var id: String
    var customer_id: String
    var start_time: Int64
    var end_time: Int64
    var requested: Int64
    var is_task: Int64
    var status: String
    var claim_token: String?
    var lease_until: Int64?
    var completed: Int64?
    var byte_count: Int64
    var row_count: Int64
    var failure: String?

    init(_ export: EventExport, claim: ExportClaim?, leaseUntil: Timestamp?) {
        id = export.id.lowercasedString
        customer_id = export.customerID
        start_time = export.range.start.rawValue
        end_time = export.range.end.rawValue
        requested = export.requested.rawValue
        is_task = export.isTask ? 1 : 0
        status = export.status.rawValue
        claim_token = claim?.token.lowercasedString
        lease_until = leaseUntil?.rawValue
        completed = export.completed?.rawValue
        byte_count = export.byteCount
        row_count = export.rowCount
        failure = export.failure
    }

    func export() throws -> EventExport {
        guard let uuid = UUID(text: id), let status = EventExport.Status(rawValue: status) else {
            throw InsightStoreError.corruptRow(table: "event_exports", id: id)
        }
        return EventExport(
            id: uuid, customerID: customer_id,
            range: EventQuery(start: Timestamp(rawValue: start_time), end: Timestamp(rawValue: end_time)),
            requested: Timestamp(rawValue: requested), isTask: is_task != 0, status: status,
            completed: completed.map(Timestamp.init(rawValue:)), byteCount: byte_count, rowCount: row_count, failure: failure
        )
    }
}
