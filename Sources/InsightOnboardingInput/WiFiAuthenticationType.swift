/// How a WiFi network authenticates, as written in the CSV's `wifi_authentication_type` column,
/// on the command line and in the `T:` field of a WiFi QR code.
public enum WiFiAuthenticationType: String, CaseIterable, Equatable, Sendable {
    case wpa = "WPA"
    case wpa2 = "WPA2"
    case wpa3 = "WPA3"
    case wep = "WEP"
    /// An open network, without a password.
    case nopass

    /// The type whose raw value equals `text` ignoring case (`wpa2` is ``wpa2``); `nil` for any
    /// other text. Surrounding whitespace is not accepted.
    public init?(parsing text: String) {
        let lowercased = text.lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == lowercased }) else {
            return nil
        }
        self = match
    }
}
