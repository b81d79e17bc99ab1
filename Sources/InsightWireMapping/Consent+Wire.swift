import InsightCore
import InsightOpenAPI

extension ConsentType {
    public init(_ type: Components.Schemas.ConsentType) {
        switch type {
        case .privacyPolicy: self = .privacyPolicy
        case .termsAndConditionsAgreement: self = .termsAndConditions
        case .connectedPolicy: self = .connectedPolicy
        }
    }
}

extension ConsentsGiven {
    public init(_ body: Components.Schemas.ConsentsGiven) {
        self.init(
            privacyPolicy: body.privacyPolicyVersion, termsAndConditions: body.termsAndConditionsVersion,
            connectedPolicy: body.connectedPolicyVersion
        )
    }
}

extension Components.Schemas.Consents {
    /// The versions per type, oldest first; types without consents are absent.
    public init(_ consents: [ConsentType: [Consent]]) {
        func versions(_ type: ConsentType) -> Components.Schemas.ConsentVersions? {
            consents[type].map { .init(versions: $0.map { .init(version: $0.version, agreedOn: $0.agreedOn.rawValue) }) }
        }
        self.init(
            privacyPolicy: versions(.privacyPolicy), termsAndConditionsAgreement: versions(.termsAndConditions),
            connectedPolicy: versions(.connectedPolicy)
        )
    }
}
