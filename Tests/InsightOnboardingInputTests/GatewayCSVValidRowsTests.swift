import Foundation
import InsightOnboardingInput
import Testing

@Suite("GatewayCSV: valid files")
struct GatewayCSVValidRowsTests {
    @Test func readsMinimalFile() throws {
        let rows = try parseGateways("""
            name,usecase,station
            Dock 1,Picking,Station3
            Dock 2,Packing,Station4

            """)
        #expect(rows == [
            GatewayRow(line: 2, name: "Dock 1", usecase: "Picking", station: "Station3"),
            GatewayRow(line: 3, name: "Dock 2", usecase: "Packing", station: "Station4"),
        ])
    }

    @Test func acceptsColumnsInAnyOrderAndCaseWithSpacesAroundHeaderNames() throws {
        let rows = try parseGateways(" Station ,NAME, UseCase\r\nS1,Dock 1,Picking\r\n")
        #expect(rows == [GatewayRow(line: 2, name: "Dock 1", usecase: "Picking", station: "S1")])
    }

    @Test func acceptsByteOrderMarkAndMissingFinalLineBreak() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("name,usecase,station\nDock 1,Picking,S1".utf8)
        let rows = try GatewayCSV.parse(data, fileName: testFileName)
        #expect(rows.map(\.name) == ["Dock 1"])
    }

    @Test func trimsValues() throws {
        let rows = try parseGateways("name,usecase,station\n  Dock 1 ,\tPicking, \" S1 \" \n")
        #expect(rows == [GatewayRow(line: 2, name: "Dock 1", usecase: "Picking", station: "S1")])
    }

    @Test func readsWiFiOverrides() throws {
        let rows = try parseGateways("""
            name,usecase,station,wifi_ssid,wifi_password,wifi_authentication_type
            A,Picking,S1,Warehouse,s3cret,wpa2
            B,Picking,S1,,,
            C,Picking,S1,Guest,,NOPASS
            D,Picking,S1,Warehouse,s3cret,
            E,Picking,S1,Lab,pw,Wpa3
            """)
        #expect(rows.map(\.wifi) == [
            WiFiOverride(ssid: "Warehouse", password: "s3cret", authenticationType: .wpa2),
            nil,
            WiFiOverride(ssid: "Guest", password: nil, authenticationType: .nopass),
            WiFiOverride(ssid: "Warehouse", password: "s3cret", authenticationType: nil),
            WiFiOverride(ssid: "Lab", password: "pw", authenticationType: .wpa3),
        ])
    }

    @Test func keepsSpacesOfQuotedSSIDAndPasswordOnly() throws {
        let rows = try parseGateways("""
            name,usecase,station,wifi_ssid,wifi_password
            A,Picking,S1," My Net "," pass phrase "
            B,Picking,S1, My Net , pass phrase
            """)
        #expect(rows.map(\.wifi) == [
            WiFiOverride(ssid: " My Net ", password: " pass phrase ", authenticationType: nil),
            WiFiOverride(ssid: "My Net", password: "pass phrase", authenticationType: nil),
        ])
    }

    @Test func acceptsNamesThatAreUnsafeAsFileNames() throws {
        let names = [
            "../../x", "/etc/passwd", "a/../../b", "..", ".", "CON", #"C:\Windows"#, "say \"hi\"",
            "倉庫 1", "Склад №2", "مستودع", "Dock 🚚", String(repeating: "x", count: 200),
        ]
        let csv = "name,usecase,station\n" + names.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\",u,s" }
            .joined(separator: "\n")
        #expect(try parseGateways(csv).map(\.name) == names)
    }

    @Test func acceptsValuesOfExactlyTheMaximumLength() throws {
        let name = String(repeating: "é", count: 256)
        #expect(try parseGateways("name,usecase,station\n\(name),u,s").map(\.name) == [name])
    }

    @Test func skipsBlankRows() throws {
        let rows = try parseGateways("name,usecase,station\n,,\n\nDock 1,u,s\n , ,\t\n\n")
        #expect(rows == [GatewayRow(line: 4, name: "Dock 1", usecase: "u", station: "s")])
    }

    @Test func reportsLineWhereAMultiLineRecordStarts() throws {
        // The quoted station has a line break, which is refused, but the next row's line stays right.
        let descriptions = problemDescriptions(of: "name,usecase,station\nA,u,\"S\n1\"\nB,u,\n")
        #expect(descriptions == [
            "gateways.csv:2:5: station contains the control character U+000A (line feed), which is not allowed; remove it",
            "gateways.csv:4:5: station is empty; every row needs a name, a usecase and a station",
        ])
    }

    @Test func namesDifferingOnlyInCaseAreDistinct() throws {
        #expect(try parseGateways("name,usecase,station\nDock,u,s\ndock,u,s").count == 2)
    }
}
