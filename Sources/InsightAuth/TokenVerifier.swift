import Foundation
import InsightCore
import JWTKit

/// Turns the value of an `Authorization` header into the identity it proves.
public protocol TokenVerifier: Sendable {
    /// - Parameter header: the raw header value, `<IdToken>` or `Bearer <IdToken>`.
    /// - Throws: `InsightError.unauthorized` when the token is missing, malformed, tampered with,
    ///   expired, not valid yet (`nbf` or `iat` more than a minute ahead), or not meant for this service.
    func identity(fromAuthorizationHeader header: String?) async throws -> TokenIdentity
}

/// Verifies ES256 (or any JWK-described) IdTokens against a fixed key set, issuer and audience.
///
/// The built-in issuer's public key and an external JWKS (for example a Cognito user pool's
/// `/.well-known/jwks.json`) are both just key sets, so this one type serves both.
public struct JWTTokenVerifier: TokenVerifier {
    private let keys: JWTKeyCollection
    private let issuer: String
    private let audience: String
    /// Whether users are also found by email (external pools; see `TokenIdentity.matchesByEmail`).
    private let matchesByEmail: Bool

    init(keys: JWTKeyCollection, issuer: String, audience: String, matchesByEmail: Bool) {
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.matchesByEmail = matchesByEmail
    }

    /// A verifier for tokens signed by an external issuer whose keys are given as JWKS JSON. Its
    /// tokens name users by `sub`, else by `email`.
    ///
    /// - Throws: when the JWKS cannot be parsed.
    public static func jwks(_ json: String, issuer: String, audience: String) async throws -> JWTTokenVerifier {
        let keys = JWTKeyCollection()
        try await keys.add(jwksJSON: json)
        return JWTTokenVerifier(keys: keys, issuer: issuer, audience: audience, matchesByEmail: true)
    }

    public func identity(fromAuthorizationHeader header: String?) async throws -> TokenIdentity {
        guard let header, !header.isEmpty else {
            throw InsightError.unauthorized("No Authorization header was provided.")
        }
        var token = Substring(header)
        if token.lowercased().hasPrefix("bearer ") { token = token.dropFirst("bearer ".count) }
        let claims: IdTokenClaims
        do {
            claims = try await keys.verify(String(token), as: IdTokenClaims.self)
        } catch let error as InsightError {
            throw error  // a claim that fails `IdTokenClaims.verify`, named
        } catch {
            throw InsightError.unauthorized("The IdToken is malformed or its signature does not verify.")
        }
        guard claims.issuer.value == issuer, claims.audience.value.contains(audience) else {
            throw InsightError.unauthorized("The IdToken was issued for another service.")
        }
        return claims.identity(matchesByEmail: matchesByEmail)
    }
}
