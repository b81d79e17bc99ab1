import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightAuth
import InsightCore
import InsightTestSupport
import JWTKit
import Testing

@Suite("Authentication and tenancy")
struct AuthenticationTests {
    @Test("missing, malformed, tampered, expired and foreign tokens get 401", arguments: TestDatabase.allCases)
    func invalidTokens(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let path = "/\(harness.admin.customerID)/gateways"
            let valid = try await harness.token(harness.admin)
            let expired = try await harness.issuer.issue(for: harness.admin, lifetime: 60, now: Date().addingTimeInterval(-3600))
            // Change one character of the payload: the signature no longer matches.
            var characters = Array(valid)
            let payloadIndex = try #require(characters.firstIndex(of: ".")) + 5
            characters[payloadIndex] = characters[payloadIndex] == "A" ? "B" : "A"
            let tampered = String(characters)
            let foreignIssuer = try await TokenIssuer.load(dataDirectory: FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString))
            let foreign = try await foreignIssuer.issue(for: harness.admin)

            try await harness.test { client in
                for token in [nil, "", "not-a-jwt", "Bearer ", tampered, expired, foreign] as [String?] {
                    let response = try await client.send(.get, path, token: token)
                    #expect(response.status == .unauthorized, "token \(token ?? "nil")")
                    #expect(response.object["title"] as? String == "Unauthorized")
                    #expect(response.headers[.accessControlAllowOrigin] == "*")
                }
                #expect(try await client.send(.get, path, token: valid).status == .ok)
                #expect(try await client.send(.get, path, token: "Bearer \(valid)").status == .ok)
            }
        }
    }

    @Test("a token of customer A gets 403 on customer B's paths", arguments: TestDatabase.allCases)
    func otherCustomer(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let tokenA = try await harness.token(harness.admin)
            let tokenB = try await harness.token(harness.otherAdmin)
            let b = harness.otherAdmin.customerID
            try await harness.test { client in
                let created = try await client.send(.post, "/\(b)/gateways", token: tokenB, json: #"{"name":"B1","usecase":"u","station":"s"}"#)
                #expect(created.status == .created)
                let gatewayID = try #require(created.object["id"] as? String)

                #expect(try await client.send(.get, "/\(b)/gateways", token: tokenA).status == .forbidden)
                #expect(try await client.send(.get, "/\(b)/gateways/\(gatewayID)", token: tokenA).status == .forbidden)
                #expect(try await client.send(.post, "/\(b)/gateways", token: tokenA, json: #"{"name":"X","usecase":"u","station":"s"}"#).status == .forbidden)
                #expect(try await client.send(.patch, "/\(b)/gateways/\(gatewayID)", token: tokenA, json: #"{"name":"X"}"#).status == .forbidden)
                // Not even by id through its own customer's path.
                #expect(try await client.send(.get, "/\(harness.admin.customerID)/gateways/\(gatewayID)", token: tokenA).status == .notFound)
                let listA = try await client.send(.get, "/\(harness.admin.customerID)/gateways", token: tokenA)
                #expect((listA.object["items"] as? [Any])?.isEmpty == true)
            }
        }
    }

    @Test("USER_ROLE reads gateways but cannot create or change them", arguments: TestDatabase.allCases)
    func readOnlyRole(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let reader = try await harness.token(harness.reader)
            let base = "/\(harness.admin.customerID)/gateways"
            try await harness.test { client in
                let created = try await client.send(.post, base, token: admin, json: #"{"name":"G1","usecase":"u","station":"s"}"#)
                let id = try #require(created.object["id"] as? String)
                #expect(try await client.send(.get, base, token: reader).status == .ok)
                #expect(try await client.send(.get, "\(base)/\(id)", token: reader).status == .ok)
                #expect(try await client.send(.post, base, token: reader, json: #"{"name":"G2","usecase":"u","station":"s"}"#).status == .forbidden)
                #expect(try await client.send(.post, "\(base)/bulk-create", token: reader, json: try bulkBody(["G3"])).status == .forbidden)
                let patch = try await client.send(.patch, "\(base)/\(id)", token: reader, json: #"{"name":"G9"}"#)
                #expect(patch.status == .forbidden)
                #expect(patch.details.contains("gateways.write"))
            }
        }
    }

    @Test("IdTokens from an external JWKS (a Cognito-style pool) verify")
    func jwksVerifier() async throws {
        let key = ES256PrivateKey()
        let parameters = try #require(key.publicKey.parameters)
        let jwks = """
        {"keys":[{"kty":"EC","crv":"P-256","alg":"ES256","use":"sig","kid":"pool-key","x":"\(parameters.x)","y":"\(parameters.y)"}]}
        """
        let verifier = try await JWTTokenVerifier.jwks(jwks, issuer: "https://pool.example", audience: "client-1")
        let signer = JWTKeyCollection()
        await signer.add(ecdsa: key, kid: "pool-key")

        struct PoolClaims: JWTPayload {
            var sub: SubjectClaim, iss: IssuerClaim, aud: AudienceClaim, exp: ExpirationClaim
            var token_use = "id", email = "p@example.com", customer: String, groups: [String]
            enum CodingKeys: String, CodingKey {
                case sub, iss, aud, exp, token_use, email, customer = "custom:customer_id", groups = "cognito:groups"
            }
            func verify(using algorithm: some JWTAlgorithm) throws {}
        }
        let expires = ExpirationClaim(value: Date().addingTimeInterval(600))
        let good = try await signer.sign(PoolClaims(sub: "u1", iss: "https://pool.example", aud: "client-1", exp: expires, customer: "c1", groups: ["USER_ROLE"]), kid: "pool-key")
        let principal = try await verifier.principal(fromAuthorizationHeader: good)
        #expect(principal == Principal(userID: "u1", customerID: "c1", email: "p@example.com", roles: [.user]))

        let otherAudience = try await signer.sign(PoolClaims(sub: "u1", iss: "https://pool.example", aud: "client-2", exp: expires, customer: "c1", groups: []), kid: "pool-key")
        await #expect(throws: InsightError.unauthorized("The IdToken was issued for another service.")) {
            try await verifier.principal(fromAuthorizationHeader: otherAudience)
        }
    }
}
