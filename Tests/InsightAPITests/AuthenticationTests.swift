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

    @Test("a deleted user's token gets 401 at once; a demoted user's token loses the role at once", arguments: TestDatabase.allCases)
    func tokensFollowTheStore(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let reader = try await harness.token(harness.reader)
            let customer = "/\(harness.admin.customerID)"
            try await harness.test { client in
                // Promote the reader, then demote the first admin: its token keeps its signature, not its role.
                #expect(try await client.send(.patch, "\(customer)/users/\(harness.reader.id)", token: admin, json: #"{"role":"ADMIN_ROLE"}"#).status == .noContent)
                #expect(try await client.send(.patch, "\(customer)/users/\(harness.admin.id)", token: reader, json: #"{"role":"USER_ROLE"}"#).status == .noContent)
                let demoted = try await client.send(.post, "\(customer)/gateways", token: admin, json: #"{"name":"G","usecase":"u","station":"s"}"#)
                #expect(demoted.status == .forbidden)
                #expect(demoted.details.contains("USER_ROLE"))
                #expect(try await client.send(.get, "\(customer)/me", token: admin).object["roles"] as? [String] == ["USER_ROLE"])

                #expect(try await client.send(.delete, "\(customer)/users/\(harness.admin.id)", token: reader).status == .noContent)
                for path in ["\(customer)/gateways", "\(customer)/me"] {
                    let deleted = try await client.send(.get, path, token: admin)
                    #expect(deleted.status == .unauthorized, "\(path)")
                    #expect(deleted.details.contains("names no user"))
                }
            }
        }
    }

    @Test("IdTokens issued more than a minute in the future get 401", arguments: TestDatabase.allCases)
    func futureIssuedAt(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let path = "/\(harness.admin.customerID)/gateways"
            let nextYear = try await harness.issuer.issue(for: harness.admin, now: Date().addingTimeInterval(365 * 86400))
            let inTwoMinutes = try await harness.issuer.issue(for: harness.admin, now: Date().addingTimeInterval(120))
            let skewed = try await harness.issuer.issue(for: harness.admin, now: Date().addingTimeInterval(30))
            try await harness.test { client in
                for token in [nextYear, inTwoMinutes] {
                    let response = try await client.send(.get, path, token: token)
                    #expect(response.status == .unauthorized)
                    #expect(response.details.contains("iat"))
                }
                #expect(try await client.send(.get, path, token: skewed).status == .ok, "a clock 30 s ahead is tolerated")
            }
        }
    }

    @Test("external tokens name the user by sub, else by email in any case; neither is 401", arguments: TestDatabase.allCases)
    func externalTokensFindUsers(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let resolver = PrincipalResolver(users: harness.store)
            let customerID = harness.admin.customerID
            let bySubject = try await resolver.principal(for: TokenIdentity(subject: harness.reader.id, customerID: customerID, email: nil, matchesByEmail: true))
            #expect(bySubject == Principal(userID: harness.reader.id, customerID: customerID, email: "reader@a.example", roles: [.user]))
            let byEmail = try await resolver.principal(for: TokenIdentity(subject: "cognito-sub-1", customerID: customerID, email: "Reader@A.example", matchesByEmail: true))
            #expect(byEmail.userID == harness.reader.id, "the stored user's id, not the pool's sub")
            await #expect(throws: InsightError.self) {
                // The built-in issuer's tokens name users by id only.
                try await resolver.principal(for: TokenIdentity(subject: "x", customerID: customerID, email: "reader@a.example", matchesByEmail: false))
            }
            await #expect(throws: InsightError.self) {
                // Not in another customer.
                try await resolver.principal(for: TokenIdentity(subject: "x", customerID: harness.otherAdmin.customerID, email: "reader@a.example", matchesByEmail: true))
            }
        }
    }

    @Test("IdTokens from an external JWKS (a Cognito-style pool) verify; nbf or iat in the future does not")
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
            var iat: IssuedAtClaim? = nil, nbf: NotBeforeClaim? = nil
            var token_use = "id", email = "p@example.com", customer: String
            enum CodingKeys: String, CodingKey {
                case sub, iss, aud, exp, iat, nbf, token_use, email, customer = "custom:customer_id"
            }
            func verify(using algorithm: some JWTAlgorithm) throws {}
        }
        let expires = ExpirationClaim(value: Date().addingTimeInterval(600))
        // Without cognito:groups: roles come from the store, never from the token.
        let good = try await signer.sign(PoolClaims(sub: "u1", iss: "https://pool.example", aud: "client-1", exp: expires, customer: "c1"), kid: "pool-key")
        let identity = try await verifier.identity(fromAuthorizationHeader: good)
        #expect(identity == TokenIdentity(subject: "u1", customerID: "c1", email: "p@example.com", matchesByEmail: true))

        let otherAudience = try await signer.sign(PoolClaims(sub: "u1", iss: "https://pool.example", aud: "client-2", exp: expires, customer: "c1"), kid: "pool-key")
        await #expect(throws: InsightError.unauthorized("The IdToken was issued for another service.")) {
            try await verifier.identity(fromAuthorizationHeader: otherAudience)
        }

        let later = Date().addingTimeInterval(365 * 86400)
        let notYet = try await signer.sign(PoolClaims(sub: "u1", iss: "https://pool.example", aud: "client-1", exp: expires, nbf: .init(value: later), customer: "c1"), kid: "pool-key")
        await #expect(throws: InsightError.unauthorized("The IdToken is not valid yet (nbf is in the future).")) {
            try await verifier.identity(fromAuthorizationHeader: notYet)
        }
        let issuedLater = try await signer.sign(PoolClaims(sub: "u1", iss: "https://pool.example", aud: "client-1", exp: expires, iat: .init(value: later), customer: "c1"), kid: "pool-key")
        await #expect(throws: InsightError.unauthorized("The IdToken was issued in the future (iat).")) {
            try await verifier.identity(fromAuthorizationHeader: issuedLater)
        }
        let slightlyAhead = Date().addingTimeInterval(30)
        let skewed = try await signer.sign(PoolClaims(sub: "u1", iss: "https://pool.example", aud: "client-1", exp: expires, iat: .init(value: slightlyAhead), nbf: .init(value: slightlyAhead), customer: "c1"), kid: "pool-key")
        #expect(try await verifier.identity(fromAuthorizationHeader: skewed).subject == "u1")
    }
}
