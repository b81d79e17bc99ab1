import Foundation
import InsightCore
import InsightOpenAPI
import InsightWireMapping

extension APIHandlers {
    func listEvents(_ input: Operations.ListEvents.Input) async throws -> Operations.ListEvents.Output {
        let customerID = input.path.customerId
        let parameters = input.query
        let request = try PageRequest(limit: parameters.limit, after: parameters.pageCursor())
        let query = try events.query(startMillis: parameters.startTimeMillis, endMillis: parameters.endTimeMillis, gatewayID: parameters.gatewayId)
        let page = try await events.list(try RequestPrincipal.required(), customerID: customerID, query: query, page: request)
        // The next page reads the same range, also when this one used the defaults.
        var selection = [
            URLQueryItem(name: "start_time_millis", value: String(query.start.rawValue)),
            URLQueryItem(name: "end_time_millis", value: String(query.end.rawValue)),
        ]
        var filters: [Components.Schemas.Metadata.FiltersPayloadPayload] = [
            .init(name: "start_time_millis", value: .init(integerLiteral: Int(query.start.rawValue))),
            .init(name: "end_time_millis", value: .init(integerLiteral: Int(query.end.rawValue))),
        ]
        if let gatewayID = query.gatewayID?.lowercasedString {
            selection.append(URLQueryItem(name: "gateway_id", value: gatewayID))
            filters.append(.init(name: "gateway_id", value: .init(stringLiteral: gatewayID)))
        }
        let list = Components.Schemas.EventList(
            items: page.items.map(Components.Schemas.Event.init),
            links: .init(next: page.next.map { PageLink.path("/\(customerID)/events", limit: parameters.limit, next: $0, query: selection) }),
            metadata: .init(description: "Events of customer \(customerID)", size: page.items.count, filters: filters + PageLink.filters(limit: parameters.limit))
        )
        return .ok(.init(body: .json(try DirectJSONBody.prepare(list))))
    }
}
