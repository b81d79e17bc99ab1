/// The rule for users' email addresses, and the key that makes them unique per customer.
///
/// An address is one `@` between a non-empty local part and a non-empty domain, with no
/// whitespace or control characters, at most 254 Unicode scalars (what `openapi.yaml`'s pattern
/// for `UserCreate.email` says). Addresses are unique per customer regardless of case:
/// `Ann@Example.com` and `ann@example.com` are one address.
public enum EmailAddress {
    public static let maximumLength = 254

    /// Describes the first problem of `value` as an email address, naming `field`, or returns
    /// `nil` when it is acceptable.
    public static func problem(in value: String, field: String = "email") -> String? {
        if value.unicodeScalars.count > maximumLength {
            return "\(field) has \(value.unicodeScalars.count) characters; at most \(maximumLength) are allowed."
        }
        if value.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.isForbiddenInText }) {
            return "\(field) must not contain whitespace, control or bidirectional control characters."
        }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            return "\(field) '\(value.prefix(64))' is not an email address (one '@' between a name and a domain)."
        }
        return nil
    }

    /// The form under which an address is unique within its customer: lower case (Unicode default
    /// case mapping, the same on every database engine, since it is computed here and not in SQL).
    public static func key(_ value: String) -> String { value.lowercased() }
}
