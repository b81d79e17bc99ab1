import Foundation
import InsightAuth
import JWTKit

/// A stand-in for an external user pool (Cognito-style): its own ES256 key, published as JWKS,
/// signing IdTokens without `cognito:groups`.
struct ExternalPool {
    static let issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool"
    static let audience = "client-1"

    let verifier: JWTTokenVerifier
    private let signer: JWTKeyCollection

    static func make() async throws -> ExternalPool {
        let key = ES256PrivateKey()
        guard let parameters = key.publicKey.parameters else { throw JWTError.generic(identifier: "pool", reason: "no key parameters") }
        let jwks = """
        {"keys":[{"kty":"EC","crv":"P-256","alg":"ES256","use":"sig","kid":"pool-key","x":"\(parameters.x)","y":"\(parameters.y)"}]}
        """
        let signer = JWTKeyCollection()
        await signer.add(ecdsa: key, kid: "pool-key")
        return ExternalPool(verifier: try await JWTTokenVerifier.jwks(jwks, issuer: issuer, audience: audience), signer: signer)
    }

    /// An IdToken of this pool, valid for 10 minutes unless `iat` or `nbf` say otherwise.
    func token(sub: String, email: String?, customer: String, audience: String = audience, iat: Date? = nil, nbf: Date? = nil) async throws -> String {
        let claims = PoolClaims(
            sub: .init(value: sub), iss: .init(value: Self.issuer), aud: .init(value: [audience]),
            exp: .init(value: Date().addingTimeInterval(600)), iat: iat.map { .init(value: $0) }, nbf: nbf.map { .init(value: $0) },
            email: email, customer: customer
        )
        return try await signer.sign(claims, kid: "pool-key")
    }

    private struct PoolClaims: JWTPayload {
        var sub: SubjectClaim, iss: IssuerClaim, aud: AudienceClaim, exp: ExpirationClaim
        var iat: IssuedAtClaim?, nbf: NotBeforeClaim?
        var token_use = "id"
        var email: String?
        var customer: String
        enum CodingKeys: String, CodingKey {
            case sub, iss, aud, exp, iat, nbf, token_use, email, customer = "custom:customer_id"
        }
        func verify(using algorithm: some JWTAlgorithm) throws {}
    }
}
