/// The consent use cases of `/me/consents`: the principal records and lists their own consents.
public struct ConsentService: Sendable {
    private let consents: any ConsentStore
    private let clock: any Clock

    public init(consents: any ConsentStore, clock: any Clock = SystemClock()) {
        self.consents = consents
        self.clock = clock
    }

    /// Records the versions given, at the current time (none given: nothing).
    ///
    /// - Throws: `badRequest` when one is not a semantic version (naming its field).
    public func give(_ principal: Principal, customerID: String, given: ConsentsGiven) async throws {
        try principal.authorize(.meWrite, in: customerID)
        let now = clock.now()
        let records = try ConsentType.allCases.compactMap { type -> Consent? in
            guard let version = given.versions[type] else { return nil }
            if let problem = SemanticVersion.problem(in: version, field: type.givenField) { throw InsightError.badRequest(problem) }
            return Consent(customerID: customerID, userID: principal.userID, type: type, version: version, agreedOn: now)
        }
        try await consents.insert(records)
    }

    /// The principal's consents per type, oldest first; only `type` when given. Types without
    /// consents are absent.
    public func list(_ principal: Principal, customerID: String, type: ConsentType?) async throws -> [ConsentType: [Consent]] {
        try principal.authorize(.meRead, in: customerID)
        let all = try await consents.consents(userID: principal.userID, customerID: customerID)
        return Dictionary(grouping: all.filter { type == nil || $0.type == type }, by: \.type)
    }
}

extension ConsentType {
    /// The field of `POST /me/consents` that gives a version of this type.
    public var givenField: String {
        switch self {
        case .privacyPolicy: "privacy_policy_version"
        case .termsAndConditions: "terms_and_conditions_version"
        case .connectedPolicy: "connected_policy_version"
        }
    }
}
