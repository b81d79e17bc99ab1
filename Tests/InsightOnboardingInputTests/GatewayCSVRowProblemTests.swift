import InsightOnboardingInput
import Testing

@Suite("GatewayCSV: row problems")
struct GatewayCSVRowProblemTests {
    @Test func reportsWrongFieldCountsAndEmptyRequiredValues() {
        #expect(problemDescriptions(of: """
            name,usecase,station
            Dock 1,Picking,S1,extra
            Dock 2,Picking
            ,Picking,S1
            Dock 3,   ,S1
            Dock 4,"",S1
            """) == [
            "gateways.csv:2: this row has 4 values but the header has 3 columns; a value that contains a comma must be written in quotes",
            "gateways.csv:3: this row has 2 values but the header has 3 columns; add the missing values (an empty value still needs its comma)",
            "gateways.csv:4:1: name is empty; every row needs a name, a usecase and a station",
            "gateways.csv:5:8: usecase is empty; every row needs a name, a usecase and a station",
            "gateways.csv:6:8: usecase is empty; every row needs a name, a usecase and a station",
        ])
    }

    @Test func namesControlCharacters() {
        #expect(problemDescriptions(of: "name,usecase,station\nDock\t1,u,s\nA,u\u{1B}x\u{7F}\u{1B}\u{85},s\n") == [
            "gateways.csv:2:1: name contains the control character U+0009 (tab), which is not allowed; remove it",
            "gateways.csv:3:3: usecase contains the control characters U+001B, U+007F, U+0085, which are not allowed; remove them",
        ])
    }

    /// As the API refuses them: they make a printed label read differently from what it is.
    @Test func namesBidirectionalControls() {
        #expect(problemDescriptions(of: "name,usecase,station\ninvoice\u{202E}gpj.exe,u,s\nA,u,\u{2066}S\u{2069}\n") == [
            "gateways.csv:2:1: name contains the control character U+202E, which is not allowed; remove it",
            "gateways.csv:3:5: station contains the control characters U+2066, U+2069, which are not allowed; remove them",
        ])
    }

    @Test func reportsValuesThatAreTooLong() {
        let long = String(repeating: "x", count: 257)
        let password = String(repeating: "p", count: 300)
        #expect(problemDescriptions(of: "name,usecase,station,wifi_ssid,wifi_password\n\(long),u,s,n,\(password)\n") == [
            "gateways.csv:2:1: name is 257 characters long; at most 256 are allowed",
            "gateways.csv:2:265: wifi_password is 300 characters long; at most 256 are allowed",
        ])
    }

    /// Code points, as the API (JSON Schema's maxLength) counts them: 👍🏽 is two.
    @Test func countsLengthInCodePointsAndHonorsTheLimitSetting() throws {
        let emoji = String(repeating: "👍🏽", count: 5)
        #expect(try parseGateways("name,usecase,station\n\(emoji),u,s\n", limits: .init(maxValueLength: 10)).count == 1)
        #expect(problemDescriptions(of: "name,usecase,station\n\(emoji)!,u,s\n", limits: .init(maxValueLength: 10)) == [
            "gateways.csv:2:1: name is 11 characters long; at most 10 are allowed",
        ])
    }

    @Test func reportsEachDuplicateNameWithItsFirstLine() {
        #expect(problemDescriptions(of: """
            name,usecase,station
            Dock 1,u,s
            Dock 2,u,s
            Dock 1,u,s
             Dock 1 ,u,s
            Caf\u{E9},u,s
            Cafe\u{301},u,s
            """) == [
            #"gateways.csv:4:1: the gateway name "Dock 1" is already used on line 2; every gateway needs its own name"#,
            #"gateways.csv:5:1: the gateway name "Dock 1" is already used on line 2; every gateway needs its own name"#,
            "gateways.csv:7:1: the gateway name \"Cafe\u{301}\" is already used on line 6; every gateway needs its own name",
        ])
    }

    @Test func checksThatWiFiValuesFitTogether() {
        #expect(problemDescriptions(of: """
            name,usecase,station,wifi_ssid,wifi_password,wifi_authentication_type
            A,u,s,,secret,
            B,u,s,,,WPA2
            C,u,s,,pw,WPA2
            D,u,s,Net,,
            E,u,s,Net,,WPA2
            F,u,s,Net,pw,nopass
            G,u,s,Net,pw,WPA4
            H,u,s,Net,,WPA4
            """) == [
            "gateways.csv:2:7: wifi_password is set but wifi_ssid is empty; a row that overrides the WiFi settings must give wifi_ssid",
            "gateways.csv:3:7: wifi_authentication_type is set but wifi_ssid is empty; a row that overrides the WiFi settings must give wifi_ssid",
            "gateways.csv:4:7: wifi_password and wifi_authentication_type are set but wifi_ssid is empty; a row that overrides the WiFi settings must give wifi_ssid",
            "gateways.csv:5:11: wifi_ssid is set but wifi_password is empty; give the password, or set wifi_authentication_type to nopass for an open network",
            "gateways.csv:6:11: wifi_ssid is set but wifi_password is empty; give the password, or set wifi_authentication_type to nopass for an open network",
            "gateways.csv:7:11: wifi_password is set but wifi_authentication_type is nopass, an open network without password; remove one of them",
            #"gateways.csv:8:14: wifi_authentication_type "WPA4" is not supported; use one of WPA, WPA2, WPA3, WEP, nopass"#,
            #"gateways.csv:9:12: wifi_authentication_type "WPA4" is not supported; use one of WPA, WPA2, WPA3, WEP, nopass"#,
        ])
    }

    @Test func pointsAtThePresentWiFiValueWhenTheSSIDColumnIsMissing() {
        #expect(problemDescriptions(of: "name,usecase,station,wifi_password\nA,u,s,pw\n") == [
            "gateways.csv:2:7: wifi_password is set but wifi_ssid is empty; a row that overrides the WiFi settings must give wifi_ssid",
        ])
    }

    @Test func reportsAllProblemsOfAFileInOrder() {
        let descriptions = problemDescriptions(of: """
            name,usecase,station,wifi_auth
            ,u,s,x
            Dock 1,u,s,x
            Dock 1,u,,x
            Dock 2,u,s
            """)
        #expect(descriptions.map { $0.prefix { $0 != " " } } == [
            "gateways.csv:1:22:", "gateways.csv:2:1:", "gateways.csv:4:1:", "gateways.csv:4:10:", "gateways.csv:5:",
        ])
    }
}
