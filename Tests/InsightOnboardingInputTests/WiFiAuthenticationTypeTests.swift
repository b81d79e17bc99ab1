import InsightOnboardingInput
import Testing

@Suite("WiFiAuthenticationType")
struct WiFiAuthenticationTypeTests {
    @Test(arguments: [
        ("WPA", WiFiAuthenticationType.wpa), ("wpa2", .wpa2), ("Wpa3", .wpa3), ("wep", .wep),
        ("nopass", .nopass), ("NOPASS", .nopass),
    ])
    func parsesIgnoringCase(_ text: String, _ expected: WiFiAuthenticationType) {
        #expect(WiFiAuthenticationType(parsing: text) == expected)
    }

    @Test(arguments: ["", "WPA4", "WPA2-EAP", " WPA", "open", "none"])
    func rejectsOtherText(_ text: String) {
        #expect(WiFiAuthenticationType(parsing: text) == nil)
    }

    @Test func normalizesToUpperCaseExceptNopass() {
        #expect(WiFiAuthenticationType.allCases.map(\.rawValue) == ["WPA", "WPA2", "WPA3", "WEP", "nopass"])
    }
}
