import InsightCore
import InsightOpenAPI

extension WiFiCredentials {
    /// - Throws: `badRequest` when the SSID is missing.
    public init(_ wifi: Components.Schemas.WifiCredentials) throws {
        guard let ssid = wifi.ssid else { throw InsightError.badRequest("wifi.ssid is missing.") }
        self.init(ssid: ssid, password: wifi.password, authenticationType: wifi.authenticationType ?? "WPA2")
    }
}
