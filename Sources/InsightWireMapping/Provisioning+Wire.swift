import InsightCore
import InsightOpenAPI

extension WiFiCredentials {
    /// The core credentials of the API's (whose `authentication_type` defaults to WPA2).
    public init(_ wifi: Components.Schemas.WifiCredentials) {
        self.init(ssid: wifi.ssid, password: wifi.password, authenticationType: (wifi.authenticationType ?? .wpa2).rawValue)
    }
}
