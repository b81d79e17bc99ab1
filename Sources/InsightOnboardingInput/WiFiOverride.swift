/// WiFi settings that one CSV row gives instead of the command-line ones.
///
/// Invariants guaranteed by ``GatewayCSV``: `ssid` is not empty; `password` is `nil` exactly when
/// `authenticationType` is ``WiFiAuthenticationType/nopass``; a given password is not empty.
public struct WiFiOverride: Hashable, Sendable {
    public let ssid: String
    public let password: String?
    /// `nil` when the row leaves the authentication type to the command line.
    public let authenticationType: WiFiAuthenticationType?

    public init(ssid: String, password: String?, authenticationType: WiFiAuthenticationType?) {
        self.ssid = ssid
        self.password = password
        self.authenticationType = authenticationType
    }
}
