import InsightOnboardingInput
import InsightOpenAPI

extension Components.Schemas.WifiCredentials {
    /// The API's credentials for the batch's (or a row's) WiFi; the type defaults to WPA2.
    init(_ wifi: WiFiOverride) {
        self.init(ssid: wifi.ssid, password: wifi.password, authenticationType: .init(wifi.authenticationType ?? .wpa2))
    }
}

extension Components.Schemas.WifiCredentials.AuthenticationTypePayload {
    /// The API's name of `type`.
    init(_ type: WiFiAuthenticationType) {
        switch type {
        case .wpa: self = .wpa
        case .wpa2: self = .wpa2
        case .wpa3: self = .wpa3
        case .wep: self = .wep
        case .nopass: self = .nopass
        }
    }

    /// The type a package's `network.json` names, ignoring case; `nil` for text no type has.
    init?(packageText text: String?) {
        guard let text, let type = WiFiAuthenticationType(parsing: text) else { return nil }
        self.init(type)
    }
}
