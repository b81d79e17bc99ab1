/// The rule every free-text field of the API follows (gateway names, use cases and stations, job
/// names and barcodes, WiFi SSIDs, device config names and ids), and that `openapi.yaml` states as
/// the `TextField` schema, so that the document accepts exactly what the server accepts:
///
/// - 1 to 256 Unicode code points (what JSON Schema's `maxLength` counts), at least one of them
///   not whitespace (Unicode `White_Space`);
/// - no control characters (C0, DEL, C1: U+0000–U+001F, U+007F–U+009F) and no bidirectional
///   controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which make a printed
///   label read differently from what it is (`"abc\u{202E}gpj.exe"`).
///
/// Names may hold any script, `/`, `..` or quotes: keeping file names safe is the job of whoever
/// writes files, not of the API.
public enum TextFieldRule {
    public static let maximumLength = 256

    /// Checks `value` and describes the first problem found, naming `field` (for example
    /// `gateways[3].name`), or returns `nil` when the value is acceptable.
    public static func problem(in value: String, field: String, maximumLength: Int = maximumLength) -> String? {
        let scalars = value.unicodeScalars
        if scalars.allSatisfy(\.properties.isWhitespace) {
            return "\(field) must not be empty."
        }
        if scalars.count > maximumLength {
            return "\(field) has \(scalars.count) characters; at most \(maximumLength) are allowed."
        }
        if let forbidden = scalars.first(where: \.isForbiddenInText) {
            let code = String(forbidden.value, radix: 16, uppercase: true)
            let kind = forbidden.properties.generalCategory == .control ? "control character" : "bidirectional control character"
            return "\(field) contains the \(kind) U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code)."
        }
        return nil
    }
}

extension Unicode.Scalar {
    /// A control character (category Cc) or a bidirectional control (see `TextFieldRule`).
    public var isForbiddenInText: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
