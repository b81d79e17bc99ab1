import Foundation
import InsightCore
import JWTKit

/// The claims of an Insight IdToken, shaped like a Cognito user-pool ID token so that tokens from
/// such a pool verify with the same code (see `JWKSTokenVerifier`).
struct IdTokenClaims: JWTPayload, Equatable {
    enum CodingKeys: String, CodingKey {
        case subject = "sub", issuer = "iss", audience = "aud", expiration = "exp", issuedAt = "iat"
        case tokenUse = "token_use", email, customerID = "custom:customer_id", groups = "cognito:groups"
    }

    var subject: SubjectClaim
    var issuer: IssuerClaim
    var audience: AudienceClaim
    var expiration: ExpirationClaim
    var issuedAt: IssuedAtClaim?
    /// Always "id": access tokens are not accepted where an IdToken is expected.
    var tokenUse: String
    var email: String?
    var customerID: String
    /// The role names, as Cognito groups.
    var groups: [String]

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try expiration.verifyNotExpired()
        guard tokenUse == "id" else { throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "token_use is not 'id'") }
    }

    /// The principal these claims describe; unknown group names are ignored.
    var principal: Principal {
        Principal(
            userID: subject.value, customerID: customerID, email: email,
            roles: Set(groups.compactMap(Role.init(rawValue:)))
        )
    }
}
