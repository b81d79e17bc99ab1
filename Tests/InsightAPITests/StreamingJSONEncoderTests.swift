import Foundation
@testable import InsightAPI
import InsightCore
import InsightOpenAPI
import InsightWireMapping
import Testing

/// The streaming encoder writes exactly what the OpenAPI runtime's Foundation `JSONEncoder`
/// (keys sorted, compact, slashes unescaped) writes for the same bodies.
@Suite("Streaming JSON encoder")
struct StreamingJSONEncoderTests {
    static func foundation(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// Texts that exercise every escape: quotes, backslashes, slashes, each control character,
    /// DEL, line separators, combining marks, emoji, bidi-free right-to-left script.
    static let awkwardTexts = [
        "", "plain", "say \"hi\" \\ / //", String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }), "\u{7F}\u{2028}\u{2029}",
        "e\u{301}\u{E9} Склад-Ω 倉庫 📦 مستودع", "=1+2", "tab\there",
    ]

    @Test("a page of gateways, with absent and awkward fields")
    func gatewayList() throws {
        let customer = Customer(id: UUID().lowercasedString, name: "C", created: Timestamp(rawValue: 1))
        let gateways = Self.awkwardTexts.enumerated().map { index, text in
            let created = Timestamp(rawValue: 1_700_000_000_000 + Int64(index))
            let even = index.isMultiple(of: 2)
            return Gateway(
                id: UUID(), customerID: customer.id, name: text.isEmpty ? "G\(index)" : text, usecase: text, station: "S\(index)",
                model: even ? "SG-\(index)" : nil, firmware: even ? text : nil, isProvisioned: even,
                lastMessageAt: even ? nil : Timestamp(rawValue: 1_799_999_999_000), created: created, lastUpdated: created
            )
        }
        let now = Timestamp(rawValue: 1_800_000_000_000)
        let list = Components.Schemas.GatewayList(
            items: gateways.map { .init($0, at: now) },
            links: .init(next: "/\(customer.id)/gateways?next_token=1_61&limit=2"),
            metadata: .init(description: "Gateways of customer \(customer.id)", size: gateways.count, filters: [.init(name: "limit", value: .init(integerLiteral: 2))])
        )
        #expect(try StreamingJSONEncoder.encode(list) == Self.foundation(list))
        let emptyPage = Components.Schemas.GatewayList(items: [], links: .init(), metadata: .init(description: "none", size: 0, filters: []))
        #expect(try StreamingJSONEncoder.encode(emptyPage) == Self.foundation(emptyPage))
    }

    @Test("a page of events, with doubles of every shape and absent fields")
    func eventList() throws {
        let doubles: [Double?] = [2.0, 2.34, -3.25, 1e20, 1e21, 1e-7, 0.1 + 0.2, 123_456_789_012_345_680_000, -0.0, .greatestFiniteMagnitude, 100, 0.001, nil]
        let events = doubles.enumerated().map { index, number in
            Components.Schemas.Event(Event(
                id: UUID(), customerID: "c", created: Timestamp(rawValue: 1_700_000_000_000 + Int64(index)), gatewayID: UUID(),
                scanCode: Self.awkwardTexts[index % Self.awkwardTexts.count], scanDuration: number, deviceID: index.isMultiple(of: 3) ? nil : "M2MR\(index)",
                deviceBattery: index.isMultiple(of: 2) ? index : nil, deviceTemperature: number.map { -$0 }, metricsWorkerSteps: Int.max - index
            ))
        }
        let list = Components.Schemas.EventList(items: events, links: .init(), metadata: .init(description: "Events", size: events.count, filters: []))
        #expect(try StreamingJSONEncoder.encode(list) == Self.foundation(list))
    }

    @Test("a job analysis: nested arrays of objects")
    func jobAnalysis() throws {
        let results = (0..<3).map { gateway in
            Components.Schemas.JobAnalysisGatewayJobs(gatewayId: UUID().lowercasedString, jobs: (0..<(gateway * 2)).map { job in
                .init(startTime: Int64(job * 10), endTime: Int64(job * 10 + 5), startEventId: UUID().lowercasedString, endEventId: UUID().lowercasedString)
            })
        }
        let result = Components.Schemas.JobAnalysisResult(results: results)
        #expect(try StreamingJSONEncoder.encode(result) == Self.foundation(result))
    }

    /// Every primitive through every kind of container (keyed, unkeyed, single value, optional).
    struct Primitives: Encodable {
        var int8: Int8 = -8, int16: Int16 = -16, int32: Int32 = .min, int64: Int64 = .max, int: Int = -1
        var uint8: UInt8 = 255, uint16: UInt16 = 16, uint32: UInt32 = .max, uint64: UInt64 = .max, uint: UInt = 7
        var float: Float = 1.1, wholeFloat: Float = 3, double: Double = -0.5, flag = true, text = "t", absent: Int8? = nil, present: Float? = 2.5
        var array: [Int8] = [1, -2], floats: [Float] = [0.1, 1e-7], flags: [Bool] = [true, false], nested: [[UInt16]] = [[1], []]
        var dictionary: [String: Int32] = ["b": 2, "a": 1, "_": 0, "B": -1]
    }

    @Test("every primitive type, in every kind of container")
    func primitives() throws {
        #expect(try StreamingJSONEncoder.encode(Primitives()) == Self.foundation(Primitives()))
        #expect(try StreamingJSONEncoder.encode([Primitives(), Primitives()]) == Self.foundation([Primitives(), Primitives()]))
    }

    @Test("numbers JSON cannot hold are refused, as Foundation refuses them", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(number: Double) {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode([number]) }
        #expect(throws: EncodingError.self) { try Self.foundation([number]) }
    }
}
