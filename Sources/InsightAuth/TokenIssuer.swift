import Foundation
import InsightCore
import JWTKit

/// The built-in IdToken issuer: signs ES256 tokens with the key every process on the database
/// shares (`SharedStateName.idTokenSigningKey`, sealed), made on first use and never logged.
public struct TokenIssuer: Sendable {
    /// The `iss` claim of built-in tokens.
    public static let issuerName = "insight"
    /// The `aud` claim of built-in tokens.
    public static let audience = "insight-api"

    private let keys: JWTKeyCollection

    /// Loads the shared signing key, making it when missing (the first process wins).
    ///
    /// - Throws: when the shared state cannot be read or written, or the stored key is no ES256 key.
    public static func load(secrets: SharedSecrets) async throws -> TokenIssuer {
        let pem = try await secrets.secret(named: SharedStateName.idTokenSigningKey) { Data(ES256PrivateKey().pemRepresentation.utf8) }
        let key = try ES256PrivateKey(pem: String(decoding: pem, as: UTF8.self))
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: key)
        return TokenIssuer(keys: keys)
    }

    /// How long an IdToken lives unless its issue says otherwise: 12 hours.
    public static let standardLifetime: TimeInterval = 12 * 3600

    /// Signs an IdToken for `user` that expires after `lifetime`.
    public func issue(for user: User, lifetime: TimeInterval = standardLifetime, now: Date = Date()) async throws -> String {
        let claims = IdTokenClaims(
            subject: .init(value: user.id), issuer: .init(value: Self.issuerName), audience: .init(value: [Self.audience]),
            expiration: .init(value: Self.wholeSeconds(now.addingTimeInterval(lifetime))), issuedAt: .init(value: Self.wholeSeconds(now)), tokenUse: "id",
            email: user.email, customerID: user.customerID, groups: user.roles.map(\.rawValue).sorted()
        )
        return try await keys.sign(claims)
    }

    /// JWT times are whole seconds (RFC 7519 NumericDate as Cognito writes it).
    private static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// What `GET /auth-information` tells about this issuer: region `local`, the issuer name as
    /// the pool id, and the audience as the app client id.
    public static let authInformation = AuthInformation(region: "local", userPoolID: issuerName, userPoolClientID: audience)

    /// A verifier that accepts exactly the tokens this issuer signs; its tokens name users by `sub` only.
    public var verifier: JWTTokenVerifier {
        JWTTokenVerifier(keys: keys, issuer: Self.issuerName, audience: Self.audience, matchesByEmail: false)
    }
}
