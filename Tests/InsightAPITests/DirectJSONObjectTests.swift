import Foundation
@testable import InsightAPI
import InsightOpenAPI
import Testing

/// The list items that write their own JSON (`DirectJSONObject`) write what `Codable` and
/// Foundation would: checked with every member set, so that a member the schema gains and the
/// conformance misses fails here, and with every optional member absent.
@Suite("Direct JSON objects")
struct DirectJSONObjectTests {
    @Test("gateways")
    func gateways() throws {
        try expectSameAsFoundation(
            full: Components.Schemas.Gateway(
                id: "0b9c1d1e-0000-4000-8000-000000000001", model: "SG-20", manufacturer: "ProGlove \"Ω\"", _class: .gateway, _type: .stationary,
                firmware: "1.4.2\n", created: 1_700_000_000_000, lastUpdated: -1, usecase: "Picking / Packing", station: "倉庫 📦",
                thingName: "thing\u{1}", name: "GW-1", connectivityStatus: .active
            ),
            bare: Components.Schemas.Gateway(id: "id", usecase: "", station: "S", name: "N")
        )
    }

    @Test("events")
    func events() throws {
        try expectSameAsFoundation(
            full: Components.Schemas.Event(
                id: "e", _class: .event, _type: .scan, created: 1_767_225_600_000, scanCode: "=1+2\t", scanDuration: 2.0,
                scanDecodeSymbology: "QR_CODE", deviceId: "M2MR1", deviceBattery: 0, deviceFirmware: "é", deviceTemperature: -0.1,
                gatewayId: "g", gatewayUsecase: "Picking", gatewayStation: "S1", metricsWorkerSteps: .max
            ),
            bare: Components.Schemas.Event(id: "e", _class: .event, _type: .scan, created: 0, gatewayId: "g")
        )
    }

    @Test("devices")
    func devices() throws {
        try expectSameAsFoundation(
            full: Components.Schemas.Device(
                id: "M2MR1", _class: .device, created: 1, lastActivityTime: 2, lastUpdated: 3, battery: 100, firmware: "1.0",
                model: "MARK", manufacturer: "ProGlove", status: .inactive
            ),
            bare: Components.Schemas.Device(id: "M2MR1", _class: .device, created: 1, lastActivityTime: 2, lastUpdated: 3, status: .active)
        )
    }

    @Test("users")
    func users() throws {
        try expectSameAsFoundation(
            full: Components.Schemas.User(
                id: "u", firstName: "Jörg", lastName: "O'Neil \\", email: "j@example.com", created: 1, lastUpdated: 2, language: "de",
                roles: ["ADMIN_ROLE"], permissions: ["gateways:read", "users:write"],
                consentGeneralTerms: .init(version: "1.0.0", timestamp: 5), consentPrivacyPolicy: .init(version: "2.1.0", timestamp: 6)
            ),
            bare: Components.Schemas.User(id: "u", email: "j@example.com", created: 1, lastUpdated: 2, roles: [])
        )
    }

    /// `full` has no absent member; both, as list items, encode as Foundation encodes them.
    private func expectSameAsFoundation<Item: DirectJSONObject>(full: Item, bare: Item) throws {
        let absent = Mirror(reflecting: full).children.filter { child in
            let value = Mirror(reflecting: child.value)
            return value.displayStyle == .optional && value.children.isEmpty
        }
        #expect(absent.isEmpty, "the full \(Item.self) sets every member: \(absent.compactMap(\.label))")
        let items = [full, bare, full]
        #expect(String(decoding: try StreamingJSONEncoder.encode(items), as: UTF8.self) == String(decoding: try StreamingJSONEncoderTests.foundation(items), as: UTF8.self))
    }
}
