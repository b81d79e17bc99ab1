import InsightCore
import InsightOpenAPI

extension Components.Schemas.User {
    /// The API shape of a user: roles in `Role.allCases` order, the permissions they grant in
    /// `Permission.allCases` order, and the latest consents to the general terms and privacy policy.
    public init(_ details: UserDetails) {
        let user = details.user
        self.init(
            id: user.id, firstName: user.firstName, lastName: user.lastName, email: user.email,
            created: user.created.rawValue, lastUpdated: user.lastUpdated.rawValue, language: user.language,
            roles: Role.allCases.filter(user.roles.contains).map(\.rawValue),
            permissions: listed(Role.permissions(of: user.roles)),
            consentGeneralTerms: details.generalTerms.map(Components.Schemas.Consent.init),
            consentPrivacyPolicy: details.privacyPolicy.map(Components.Schemas.Consent.init)
        )
    }
}

extension Components.Schemas.Consent {
    public init(_ consent: Consent) {
        self.init(version: consent.version, timestamp: consent.agreedOn.rawValue)
    }
}

extension Components.Schemas.Role {
    public init(_ role: Role) {
        self.init(description: role.description, name: .init(role), permissions: listed(role.permissions))
    }
}

extension Components.Schemas.RoleName {
    public init(_ role: Role) {
        switch role {
        case .admin: self = .adminRole
        case .user: self = .userRole
        }
    }
}

extension Role {
    public init(_ name: Components.Schemas.RoleName) {
        switch name {
        case .adminRole: self = .admin
        case .userRole: self = .user
        }
    }
}

extension UserDraft {
    public init(_ body: Components.Schemas.UserCreate) {
        self.init(firstName: body.firstName, lastName: body.lastName, role: Role(body.role), email: body.email)
    }
}

extension UserPatch {
    /// - Throws: `badRequest` for the empty role name the generator adds for the enum's `null`.
    public init(_ body: Components.Schemas.UserUpdate) throws {
        self.init(firstName: body.firstName, lastName: body.lastName, language: body.language, role: try body.role.map(Role.init))
    }
}

extension Role {
    /// `UserUpdate.role`, a nullable role name.
    ///
    /// - Throws: `badRequest` for `""`, which the generator decodes as the case it makes of the
    ///   enum's `null` (a JSON `null` itself decodes as no role).
    public init(_ name: Components.Schemas.UserUpdate.RolePayload) throws {
        switch name {
        case .adminRole: self = .admin
        case .userRole: self = .user
        case ._empty_: throw InsightError.badRequest("role must be ADMIN_ROLE or USER_ROLE; got ''.")
        }
    }
}

/// `permissions` in `Permission.allCases` order, as the API lists them.
private func listed(_ permissions: Set<Permission>) -> [String] {
    Permission.allCases.filter(permissions.contains).map(\.rawValue)
}
