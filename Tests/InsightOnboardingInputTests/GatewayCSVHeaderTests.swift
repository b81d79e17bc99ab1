import InsightOnboardingInput
import Testing

@Suite("GatewayCSV: header problems")
struct GatewayCSVHeaderTests {
    @Test func namesMissingRequiredColumns() {
        #expect(problemDescriptions(of: "name\nDock 1\n") == [
            #"gateways.csv:1: the header lacks the required columns "usecase", "station"; every file needs at least name,usecase,station"#,
        ])
        #expect(problemDescriptions(of: "name,station\nDock 1,S1\n") == [
            #"gateways.csv:1: the header lacks the required column "usecase"; every file needs at least name,usecase,station"#,
        ])
    }

    @Test func reportsDuplicateColumnsIgnoringCase() {
        #expect(problemDescriptions(of: "name,usecase,station,Name\nA,u,s,B\n") == [
            #"gateways.csv:1:22: the column "name" appears twice in the header (first at column 1); remove one of them"#,
        ])
    }

    @Test func reportsUnknownColumnsWithSuggestion() {
        #expect(problemDescriptions(of: "name,usecase,station,wifi_ssid,wifi_pasword,comment\nA,u,s,n,p,c\n") == [
            #"gateways.csv:1:32: unknown column "wifi_pasword" (did you mean "wifi_password"?); allowed columns: name, usecase, station, wifi_ssid, wifi_password, wifi_authentication_type"#,
            #"gateways.csv:1:45: unknown column "comment"; allowed columns: name, usecase, station, wifi_ssid, wifi_password, wifi_authentication_type"#,
            // The row itself is still checked, against the known columns.
            "gateways.csv:2:7: wifi_ssid is set but wifi_password is empty; give the password, or set wifi_authentication_type to nopass for an open network",
        ])
    }

    @Test func suggestsForSpacedAndCapitalizedNames() {
        let descriptions = problemDescriptions(of: "name,use case,station,WiFi SSID\nA,u,s,n\n")
        #expect(descriptions.count == 3)
        #expect(descriptions[0].contains(#"lacks the required column "usecase""#))
        #expect(descriptions[1].contains(#"unknown column "use case" (did you mean "usecase"?)"#))
        #expect(descriptions[2].contains(#"unknown column "WiFi SSID" (did you mean "wifi_ssid"?)"#))
    }

    @Test func reportsUnnamedColumns() {
        #expect(problemDescriptions(of: "name,usecase,station,\nA,u,s,\n") == [
            "gateways.csv:1:22: this header column has no name; name it or remove the extra comma (allowed columns: name, usecase, station, wifi_ssid, wifi_password, wifi_authentication_type)",
        ])
    }

    @Test func reportsBlankHeaderLine() {
        #expect(problemDescriptions(of: "\nname,usecase,station\nA,u,s\n") == [
            "gateways.csv:1: the first line must be the header row naming the columns, e.g. name,usecase,station, but it is empty",
        ])
    }

    @Test func recognizesSemicolonSeparatedFiles() {
        #expect(problemDescriptions(of: "name;usecase;station\nA;u;s\n") == [
            "gateways.csv:1: the header separates its columns with semicolons (;), but this file must use commas (,), e.g. name,usecase,station",
        ])
    }
}
