import Foundation

/// What every process on one database must hold alike: the IdToken signing key, the
/// package-link key, the CAs, their CRLs and CRL numbers, the wrapped data key. Each value has a
/// name (`SharedStateName`) and a version, a number its writers choose (a CRL's number).
///
/// Implementations must be safe to call concurrently from several processes: the database
/// decides every race.
public protocol SharedStateStore: Sendable {
    /// The value stored under `name`, or nil.
    func sharedValue(named name: String) async throws -> Data?

    /// Stores `value` under `name` unless a value is there, and returns the stored value: of
    /// processes racing to create a value, every one gets the first one's.
    func sharedValue(named name: String, insertingIfAbsent value: Data) async throws -> Data

    /// Stores `value` with `version` under `name` unless the stored version is `version` or
    /// higher; returns whether it stored it.
    @discardableResult
    func storeSharedValue(_ value: Data, named name: String, ifNewerThanStored version: Int64) async throws -> Bool

    /// Replaces the value under `name` whatever is stored, in one transaction for all of
    /// `values` (master key rotation).
    func replaceSharedValues(_ values: [String: Data]) async throws

    /// The names of stored values that start with `prefix`, sorted.
    func sharedValueNames(prefix: String) async throws -> [String]

    /// The stored values whose names start with `prefix`, by name (one query).
    func sharedValues(prefix: String) async throws -> [String: Data]

    /// Advances the counter `name` and returns its new value: one more than its last value, or
    /// `atLeast` when that is greater (the first value is `atLeast`). Concurrent callers get
    /// distinct values.
    func nextCounterValue(named name: String, atLeast: Int64) async throws -> Int64
}

/// The names of shared values, in one place.
public enum SharedStateName {
    /// The data key, sealed under the master key (envelope encryption).
    public static let dataKey = "keys/data-key"
    /// The ES256 key that signs built-in IdTokens (sealed PEM).
    public static let idTokenSigningKey = "keys/idtoken-signing-key"
    /// The HMAC key of signed package and export links (sealed bytes).
    public static let packageLinkKey = "keys/package-link-key"
    /// The installation's root CA (sealed `StoredAuthority`).
    public static let rootAuthority = "ca/root"
    /// The prefix of customers' issuing CAs.
    public static let issuingAuthorityPrefix = "ca/issuing/"
    /// The prefix of published CRLs (PEM, version = CRL number).
    public static let revocationListPrefix = "crl/"
    /// The prefix of CRL number counters.
    public static let revocationListNumberPrefix = "crl-number/"

    /// The customer's issuing CA.
    public static func issuingAuthority(customerID: String) -> String { issuingAuthorityPrefix + customerID }

    /// The CRL of the CA named `authority` (`rootAuthority` or an issuing CA's name).
    public static func revocationList(of authority: String) -> String { revocationListPrefix + authority }

    /// The CRL number counter of the CA named `authority`.
    public static func revocationListNumber(of authority: String) -> String { revocationListNumberPrefix + authority }
}
