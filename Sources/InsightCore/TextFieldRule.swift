/// The rule every free-text gateway field follows: 1 to 256 characters, no control characters.
///
/// Names may hold any script, `/`, `..` or quotes: keeping file names safe is the job of whoever
/// writes files, not of the API.
public enum TextFieldRule {
    public static let maximumLength = 256

    /// Checks `value` and describes the first problem found, naming `field` (for example
    /// `gateways[3].name`), or returns `nil` when the value is acceptable.
    public static func problem(in value: String, field: String) -> String? {
        if value.trimmingWhitespace.isEmpty {
            return "\(field) must not be empty."
        }
        if value.count > maximumLength {
            return "\(field) has \(value.count) characters; at most \(maximumLength) are allowed."
        }
        if let control = value.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            let code = String(control.value, radix: 16, uppercase: true)
            return "\(field) contains the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code)."
        }
        return nil
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }
}
