import Foundation
import InsightCore
import SQLKit

extension SQLStore {
    public func recordAudit(_ events: [AuditEvent]) async throws {
        guard !events.isEmpty else { return }
        try await backend.withConnection { db in
            try await db.insert(into: "audit_events").models(events.map(AuditRow.init)).run()
        }
    }

    public func auditEvents(customerID: String, page: PageRequest) async throws -> Page<AuditEvent> {
        let events = try await backend.read({ db in
            db.select().columns(AuditRow.selectedColumns).from("audit_events").where("customer_id", .equal, customerID)
                .keysetPage(after: page.after, limit: page.limit)
                .query
        }, row: AuditRow.event(reading:))
        return Page(rows: events, limit: page.limit) { PageCursor(created: $0.created, id: $0.id) }
    }
}

/// An `audit_events` row.
struct AuditRow: Encodable, Sendable {
    var id: String
    var customer_id: String
    var created: Int64
    var action: String
    var actor_user_id: String?
    var actor_email: String?
    var target: String
    var client_address: String?
    var details: String?

    init(_ event: AuditEvent) {
        id = event.id.lowercasedString
        customer_id = event.customerID
        created = event.created.rawValue
        action = event.action.rawValue
        actor_user_id = event.actorUserID
        actor_email = event.actorEmail
        target = event.target
        client_address = event.clientAddress
        details = event.details
    }

    /// The columns `event(reading:)` reads, in its order.
    static let selectedColumns = [
        "id", "customer_id", "created", "action", "actor_user_id", "actor_email", "target", "client_address", "details",
    ].map { SQLIdentifier($0) }

    static func event(reading row: inout RowColumns) throws -> AuditEvent {
        let idText = try row.string()
        guard let id = UUID(text: idText) else { throw InsightStoreError.corruptRow(table: "audit_events", id: idText) }
        let customerID = try row.string()
        let created = Timestamp(rawValue: try row.int64())
        guard let action = AuditEvent.Action(rawValue: try row.string()) else { throw InsightStoreError.corruptRow(table: "audit_events", id: idText) }
        return AuditEvent(
            id: id, customerID: customerID, created: created, action: action, actorUserID: try row.optionalString(),
            actorEmail: try row.optionalString(), target: try row.string(), clientAddress: try row.optionalString(), details: try row.optionalString()
        )
    }
}
