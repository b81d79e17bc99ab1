/// The columns an onboarding CSV may have. Header names match the raw values ignoring case and
/// surrounding whitespace; any other header name is an error.
public enum GatewayCSVColumn: String, CaseIterable, Sendable {
    case name
    case usecase
    case station
    case wifiSSID = "wifi_ssid"
    case wifiPassword = "wifi_password"
    case wifiAuthenticationType = "wifi_authentication_type"

    /// Whether every file must have this column and every row a value in it.
    public var isRequired: Bool {
        switch self {
        case .name, .usecase, .station: true
        case .wifiSSID, .wifiPassword, .wifiAuthenticationType: false
        }
    }

    /// Whether a quoted value keeps its surrounding spaces. Spaces can be part of a network name or
    /// a passphrase, so quoting is the way to keep them; every other value is always trimmed.
    var keepsQuotedWhitespace: Bool {
        self == .wifiSSID || self == .wifiPassword
    }

    /// The column a misspelled header name was most likely meant to be (`wifi_pasword`,
    /// `WiFi SSID`), or `nil` when none is close: at most 2 edits away.
    static func suggestion(for headerName: String) -> GatewayCSVColumn? {
        let candidates = allCases.map { ($0, editDistance(headerName.lowercased(), $0.rawValue)) }
        guard let best = candidates.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    /// The Levenshtein distance: the fewest single-character insertions, deletions and
    /// substitutions that turn `a` into `b`.
    private static func editDistance(_ a: String, _ b: String) -> Int {
        var previous = Array(0...b.count)
        for (i, characterOfA) in a.enumerated() {
            var current = [i + 1]
            for (j, characterOfB) in b.enumerated() {
                let substitution = previous[j] + (characterOfA == characterOfB ? 0 : 1)
                current.append(min(previous[j + 1] + 1, current[j] + 1, substitution))
            }
            previous = current
        }
        return previous[b.count]
    }
}
