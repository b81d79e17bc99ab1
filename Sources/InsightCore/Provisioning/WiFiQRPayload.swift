/// The standard WiFi QR code text that phones and scanners join networks from (the ZXing
/// `WIFI:` format): `WIFI:T:<type>;S:<ssid>;P:<password>;;`.
public enum WiFiQRPayload {
    /// The payload for `wifi`. `\`, `;`, `,`, `"` and `:` in the SSID and password are escaped
    /// with a backslash; `T` is `WPA` for every WPA generation, `WEP`, or `nopass` (then no `P`).
    public static func payload(for wifi: WiFiCredentials) -> String {
        let type: String
        switch wifi.authenticationType.uppercased() {
        case "WEP": type = "WEP"
        case "NOPASS", "NONE", "OPEN": type = "nopass"
        default: type = "WPA"
        }
        var text = "WIFI:T:\(type);S:\(escaped(wifi.ssid));"
        if type != "nopass", let password = wifi.password, !password.isEmpty {
            text += "P:\(escaped(password));"
        }
        return text + ";"
    }

    private static func escaped(_ value: String) -> String {
        var result = ""
        for character in value {
            if "\\;,\":".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
