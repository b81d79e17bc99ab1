/// The documents a user consents to, as the seed names them.
public enum ConsentType: String, CaseIterable, Sendable {
    case privacyPolicy = "PRIVACY_POLICY"
    /// The general terms: a user's `consent_general_terms` is their latest consent of this type.
    case termsAndConditions = "TERMS_AND_CONDITIONS_AGREEMENT"
    case connectedPolicy = "CONNECTED_POLICY"
}

/// A user's consent to one version of one document, at the time it was first given.
public struct Consent: Sendable, Equatable {
    public let customerID: String
    public let userID: String
    public let type: ConsentType
    /// A semantic version (see `SemanticVersion`).
    public let version: String
    public let agreedOn: Timestamp

    public init(customerID: String, userID: String, type: ConsentType, version: String, agreedOn: Timestamp) {
        self.customerID = customerID
        self.userID = userID
        self.type = type
        self.version = version
        self.agreedOn = agreedOn
    }
}

/// The versions a user consents to in one request, per type; `nil` gives none of that type.
public struct ConsentsGiven: Sendable, Equatable {
    public var versions: [ConsentType: String]

    public init(privacyPolicy: String? = nil, termsAndConditions: String? = nil, connectedPolicy: String? = nil) {
        versions = [.privacyPolicy: privacyPolicy, .termsAndConditions: termsAndConditions, .connectedPolicy: connectedPolicy]
            .compactMapValues { $0 }
    }
}

/// A user with the latest consents that `/me` and the user operations show.
public struct UserDetails: Sendable, Equatable {
    public let user: User
    /// The latest consent per type (types never consented to are absent).
    public let latestConsents: [ConsentType: Consent]

    public init(user: User, latestConsents: [ConsentType: Consent]) {
        self.user = user
        self.latestConsents = latestConsents
    }

    /// `consent_general_terms`: the latest consent to the terms and conditions.
    public var generalTerms: Consent? { latestConsents[.termsAndConditions] }
    /// `consent_privacy_policy`.
    public var privacyPolicy: Consent? { latestConsents[.privacyPolicy] }
}
