import InsightCore
import Logging

/// Writes what the handlers did into the customer's audit trail, with the acting user
/// (`RequestPrincipal`) and the client's address (`RequestClient`) of the request being handled.
///
/// Recorded after the change succeeded; a failure to record is logged as an error and does not
/// undo the change or fail the request.
struct AuditTrail: Sendable {
    let store: any AuditStore
    let clock: any Clock
    var logger = Logger(label: "insight.audit")

    func record(_ action: AuditEvent.Action, customerID: String, targets: [String], details: String? = nil) async {
        let principal = RequestPrincipal.current
        let now = clock.now()
        let events = targets.map {
            AuditEvent(
                customerID: customerID, created: now, action: action, actorUserID: principal?.userID, actorEmail: principal?.email,
                target: $0, clientAddress: RequestClient.address, details: details
            )
        }
        do {
            try await store.recordAudit(events)
        } catch {
            logger.error("Cannot record the audit trail", metadata: ["action": "\(action.rawValue)", "customer": "\(customerID)", "error": "\(error)"])
        }
    }
}

/// The IP address of the client whose request is being handled (`ClientAddressMiddleware`).
enum RequestClient {
    @TaskLocal static var address: String?
}
