/// The check of the document versions users consent to: Semantic Versioning 2.0.0
/// (`MAJOR.MINOR.PATCH`, optional `-pre.release` and `+build`, no leading zeros), at most
/// 128 characters. `openapi.yaml` states the same as a pattern (`ConsentsGiven`).
public enum SemanticVersion {
    public static let maximumLength = 128

    /// Describes why `value` is not a semantic version, naming `field`, or returns `nil` when it is one.
    public static func problem(in value: String, field: String) -> String? {
        guard value.utf8.count <= maximumLength, isValid(value) else {
            return "\(field) '\(value.prefix(64))' is not a semantic version such as 1.2.3 (at most \(maximumLength) characters)."
        }
        return nil
    }

    static func isValid(_ value: String) -> Bool {
        let (core, afterCore) = split(value, at: "-+")
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3, numbers.allSatisfy(isNumericIdentifier) else { return false }
        guard var rest = afterCore else { return true }
        if rest.first == "-" {
            let (prerelease, build) = split(rest.dropFirst(), at: "+")
            let identifiers = prerelease.split(separator: ".", omittingEmptySubsequences: false)
            guard identifiers.allSatisfy({ isNumericIdentifier($0) || isAlphanumericIdentifier($0) }) else { return false }
            guard let build else { return true }
            rest = build
        }
        // `rest` starts with "+": the build metadata, any non-empty identifiers.
        return rest.dropFirst().split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0.allSatisfy(isIdentifierCharacter)
        }
    }

    /// `text` up to the first of `separators`, and the rest from that separator on (or `nil`).
    private static func split(_ text: Substring, at separators: String) -> (Substring, Substring?) {
        guard let index = text.firstIndex(where: separators.contains) else { return (text, nil) }
        return (text[..<index], text[index...])
    }

    private static func split(_ text: String, at separators: String) -> (Substring, Substring?) {
        split(Substring(text), at: separators)
    }

    /// `0` or digits without a leading zero.
    private static func isNumericIdentifier(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } && (text == "0" || text.first != "0")
    }

    /// ASCII letters, digits and `-`, with at least one non-digit.
    private static func isAlphanumericIdentifier(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy(isIdentifierCharacter) && text.contains { !$0.isNumber }
    }

    private static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-")
    }
}
