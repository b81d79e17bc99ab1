import InsightCore
import SQLKit

extension SQLSelectBuilder {
    /// Keeps the gateways that match `search`. The name matches with `LIKE` on the lower-cased
    /// name, its `%`, `_` and `\\` escaped; the status repeats `Gateway.connectivityStatus(at:)`.
    func matching(_ search: GatewaySearch) -> Self {
        var query = self
        if let part = search.nameContains {
            let escaped = part.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            query = query.where(SQLQueryString("lower(name) LIKE \(bind: "%\(escaped)%") ESCAPE '\\'"))
        }
        if let station = search.station { query = query.where("station", .equal, station) }
        if let usecase = search.usecase { query = query.where("usecase", .equal, usecase) }
        switch search.status {
        case nil: break
        case .notRegistered: query = query.where("provisioned", .equal, 0)
        case .registering: query = query.where("provisioned", .equal, 1).where("last_message_at", .is, SQLLiteral.null)
        case .active: query = query.where("provisioned", .equal, 1).where("last_message_at", .greaterThanOrEqual, search.activeSince.rawValue)
        case .inactive: query = query.where("provisioned", .equal, 1).where("last_message_at", .lessThan, search.activeSince.rawValue)
        }
        return query
    }
}
