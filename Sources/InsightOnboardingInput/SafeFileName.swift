import Foundation

/// File names derived from gateway names that are safe to create inside an output folder, on Linux,
/// macOS and Windows, whatever the gateway name holds.
///
/// A ``stem(for:)`` never contains a path separator or anything a file system treats specially:
/// - it is NFC-normalized; letters of any script, digits, emoji and punctuation are kept;
/// - `/`, `\`, the characters Windows forbids (`: * ? " < > |`), control characters (U+0000–U+001F,
///   U+007F–U+009F), line and paragraph separators and bidirectional-text controls (which can make a
///   name display reversed) are each replaced by `_`;
/// - leading and trailing spaces and dots are removed, so it is never `.`, `..` or hidden;
/// - it is at most ``maxStemByteCount`` bytes of UTF-8, cut between characters (never inside a
///   character or an emoji);
/// - a Windows device name (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`, also with an
///   extension such as `con.txt`) gets a `_` in front;
/// - a name with nothing left is ``fallbackStem``.
///
/// Different names can share a stem (`a/b` and `a_b`), so an archive name always ends with a
/// suffix from the gateway id: `<stem>_<first 8 characters of the id>.zip`.
public enum SafeFileName {
    /// The most UTF-8 bytes in a stem; archive names add at most 13 more plus a collision counter.
    public static let maxStemByteCount = 100
    /// The stem of a name that has no usable character (`..`, `///`).
    public static let fallbackStem = "gateway"

    /// The safe base of a file name for `gatewayName`, without extension. Deterministic.
    public static func stem(for gatewayName: String) -> String {
        var sanitized = String.UnicodeScalarView()
        for scalar in gatewayName.precomposedStringWithCanonicalMapping.unicodeScalars {
            sanitized.append(isReplaced(scalar) ? "_" : scalar)
        }
        var stem = truncated(trimmed(String(sanitized)))
        if stem.isEmpty {
            stem = fallbackStem
        }
        if isWindowsDeviceName(stem) {
            stem = truncated("_" + stem)
        }
        return stem
    }

    /// `<stem>_<id8>.zip`: the archive name of one gateway.
    ///
    /// `id8` is the first 8 ASCII letters and digits of `gatewayID`, lowercased (for a UUID, its
    /// first 8 hex digits); it is left out, with its `_`, if the id has none.
    public static func archiveName(gatewayName: String, gatewayID: String) -> String {
        let id8 = String(gatewayID.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(8))
        return id8.isEmpty ? "\(stem(for: gatewayName)).zip" : "\(stem(for: gatewayName))_\(id8).zip"
    }

    /// The ``archiveName(gatewayName:gatewayID:)`` of each gateway, made unique within the batch even
    /// on a case-insensitive file system: should two still collide (ids sharing their first 8
    /// characters), the later one gets `-2`, `-3`, … before `.zip`. Same order as `gateways`.
    public static func archiveNames(for gateways: [(name: String, id: String)]) -> [String] {
        var used = Set<String>()
        return gateways.map { gateway in
            let name = archiveName(gatewayName: gateway.name, gatewayID: gateway.id)
            var candidate = name
            var counter = 2
            while !used.insert(candidate.lowercased()).inserted {
                candidate = "\(name.dropLast(".zip".count))-\(counter).zip"
                counter += 1
            }
            return candidate
        }
    }

    private static let forbiddenScalars: Set<Unicode.Scalar> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]

    private static func isReplaced(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: scalar.isControlCharacter || forbiddenScalars.contains(scalar)
        }
    }

    private static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar.isHorizontalWhitespace
    }

    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// The longest prefix of whole characters within ``maxStemByteCount`` bytes, trimmed again at
    /// its end.
    private static func truncated(_ text: String) -> String {
        guard text.utf8.count > maxStemByteCount else { return text }
        var result = ""
        var byteCount = 0
        for character in text {
            byteCount += character.utf8.count
            guard byteCount <= maxStemByteCount else { break }
            result.append(character)
        }
        return trimmed(result)
    }

    private static let windowsDeviceNames = Set(
        ["CON", "PRN", "AUX", "NUL", "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"]
            + (0...9).flatMap { ["COM\($0)", "LPT\($0)"] })

    /// Whether Windows reads `stem` as a device: its part before the first dot, without trailing
    /// spaces, is a device name in any letter case.
    private static func isWindowsDeviceName(_ stem: String) -> Bool {
        let base = stem.prefix { $0 != "." }
        let withoutTrailingSpaces = base.reversed().drop { $0 == " " }.reversed()
        return windowsDeviceNames.contains(String(withoutTrailingSpaces).uppercased())
    }
}
