// Character classes shared by the CSV checks and the file-name rules.

extension Unicode.Scalar {
    /// Whether this is a C0 or C1 control character (general category Cc: U+0000–U+001F,
    /// U+007F–U+009F), which has no business in a name, a station or a password.
    var isControlCharacter: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }

    /// Whether this is a space or tab that surrounding a value is trimmed away (category Zs or U+0009,
    /// the set Foundation calls `CharacterSet.whitespaces`). Line breaks are not included.
    var isHorizontalWhitespace: Bool {
        isASCII ? value == 0x20 || value == 0x09 : properties.generalCategory == .spaceSeparator
    }

    /// `U+0009 (tab)`: the code point, with a name for the common ones, for error messages.
    var codePointDescription: String {
        let hex = String(value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let names: [UInt32: String] = [0x00: "NUL", 0x09: "tab", 0x0A: "line feed", 0x0D: "carriage return"]
        return names[value].map { "\(code) (\($0))" } ?? code
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (see
    /// ``Unicode/Scalar/isHorizontalWhitespace``).
    var trimmingHorizontalWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isHorizontalWhitespace }),
              let last = scalars.lastIndex(where: { !$0.isHorizontalWhitespace })
        else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex {
            return self
        }
        return String(scalars[first...last])
    }
}
