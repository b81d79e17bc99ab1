import InsightCore
import InsightOpenAPI

extension Components.Schemas.Gateway {
    /// The API shape of a core gateway, its connectivity status as at `now`.
    public init(_ gateway: Gateway, at now: Timestamp) {
        self.init(
            id: gateway.id.lowercasedString, model: gateway.model, manufacturer: gateway.manufacturer,
            _class: .gateway, _type: .init(rawValue: gateway.kind.rawValue), firmware: gateway.firmware,
            created: gateway.created.rawValue, lastUpdated: gateway.lastUpdated.rawValue,
            usecase: gateway.usecase, station: gateway.station, thingName: gateway.thingName, name: gateway.name,
            connectivityStatus: .init(rawValue: gateway.connectivityStatus(at: now).rawValue)
        )
    }
}

extension GatewayDraft {
    /// The core draft of a create or bulk-create item.
    public init(_ body: Components.Schemas.GatewayCreate) {
        self.init(name: body.name, usecase: body.usecase, station: body.station)
    }
}
