import Foundation
import InsightCore
import JWTKit

/// The claims of an Insight IdToken, shaped like a Cognito user-pool ID token so that tokens from
/// such a pool verify with the same code (see `JWTTokenVerifier.jwks`).
struct IdTokenClaims: JWTPayload, Equatable {
    enum CodingKeys: String, CodingKey {
        case subject = "sub", issuer = "iss", audience = "aud", expiration = "exp", issuedAt = "iat", notBefore = "nbf"
        case tokenUse = "token_use", email, customerID = "custom:customer_id", groups = "cognito:groups"
    }

    /// How far ahead of this server's clock `iat` and `nbf` may be: clocks of issuers differ a little.
    static let clockSkew: TimeInterval = 60

    var subject: SubjectClaim
    var issuer: IssuerClaim
    var audience: AudienceClaim
    var expiration: ExpirationClaim
    var issuedAt: IssuedAtClaim?
    var notBefore: NotBeforeClaim?
    /// Always "id": access tokens are not accepted where an IdToken is expected.
    var tokenUse: String
    var email: String?
    var customerID: String
    /// The role names when issued, as Cognito groups: informative only, since a user's roles are
    /// read from the store on every request.
    var groups: [String]?

    /// - Throws: `InsightError.unauthorized` naming the claim that fails.
    func verify(using algorithm: some JWTAlgorithm) async throws {
        let now = Date()
        guard expiration.value > now else { throw InsightError.unauthorized("The IdToken has expired.") }
        guard tokenUse == "id" else { throw InsightError.unauthorized("The token is not an IdToken (token_use is not 'id').") }
        let latest = now.addingTimeInterval(Self.clockSkew)
        if let notBefore, notBefore.value > latest {
            throw InsightError.unauthorized("The IdToken is not valid yet (nbf is in the future).")
        }
        if let issuedAt, issuedAt.value > latest {
            throw InsightError.unauthorized("The IdToken was issued in the future (iat).")
        }
    }

    /// Who the token names.
    func identity(matchesByEmail: Bool) -> TokenIdentity {
        TokenIdentity(subject: subject.value, customerID: customerID, email: email, matchesByEmail: matchesByEmail)
    }
}
