import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InsightAPI
import InsightAuth
import InsightCore
import InsightProvisioning
import InsightStore
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
            let foreignIssuer = try await withTemporaryDirectory { folder in
                try await SQLStore.withStore(.sqlite(path: folder.appendingPathComponent("other.sqlite").path)) { other in
                    try await TokenIssuer.load(secrets: SharedSecrets.open(other, dataDirectory: folder, masterKeyFile: TestMasterKey.file).secrets)
                }
            }
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
        let pool = try await ExternalPool.make()
        // Without cognito:groups: roles come from the store, never from the token.
        let good = try await pool.token(sub: "u1", email: "p@example.com", customer: "c1")
        #expect(try await pool.verifier.identity(fromAuthorizationHeader: good) == TokenIdentity(subject: "u1", customerID: "c1", email: "p@example.com", matchesByEmail: true))

        let otherAudience = try await pool.token(sub: "u1", email: nil, customer: "c1", audience: "client-2")
        await #expect(throws: InsightError.unauthorized("The IdToken was issued for another service.")) {
            try await pool.verifier.identity(fromAuthorizationHeader: otherAudience)
        }
        let later = Date().addingTimeInterval(365 * 86400)
        let notYet = try await pool.token(sub: "u1", email: nil, customer: "c1", nbf: later)
        await #expect(throws: InsightError.unauthorized("The IdToken is not valid yet (nbf is in the future).")) {
            try await pool.verifier.identity(fromAuthorizationHeader: notYet)
        }
        let issuedLater = try await pool.token(sub: "u1", email: nil, customer: "c1", iat: later)
        await #expect(throws: InsightError.unauthorized("The IdToken was issued in the future (iat).")) {
            try await pool.verifier.identity(fromAuthorizationHeader: issuedLater)
        }
        let slightlyAhead = Date().addingTimeInterval(30)
        let skewed = try await pool.token(sub: "u1", email: nil, customer: "c1", iat: slightlyAhead, nbf: slightlyAhead)
        #expect(try await pool.verifier.identity(fromAuthorizationHeader: skewed).subject == "u1")
    }

    @Test("a server trusting an external pool: its users by email, its auth-information, nbf in the future 401", arguments: TestDatabase.allCases)
    func externalPoolOverHTTP(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let pool = try await ExternalPool.make()
            let provisioning = try await ProvisioningService.onSharedState(harness.secrets, gateways: harness.store, store: harness.store, settings: APIHarness.defaultSettings)
            let router = try InsightServer(
                store: harness.store, verifier: pool.verifier, provisioning: provisioning,
                authInformation: .external(issuer: ExternalPool.issuer, audience: ExternalPool.audience)
            ).router()
            let customer = harness.admin.customerID
            let reader = try await pool.token(sub: "pool-sub-7", email: "READER@a.example", customer: customer)
            let stranger = try await pool.token(sub: "pool-sub-8", email: "nobody@a.example", customer: customer)
            let early = try await pool.token(sub: "pool-sub-7", email: "reader@a.example", customer: customer, nbf: Date().addingTimeInterval(3600))
            try await Application(router: router).test(.router) { client in
                let me = try await client.send(.get, "/\(customer)/me", token: reader)
                #expect(me.status == .ok)
                #expect(me.object["id"] as? String == harness.reader.id)
                #expect(me.object["roles"] as? [String] == ["USER_ROLE"])
                #expect(try await client.send(.get, "/\(customer)/me", token: stranger).status == .unauthorized)
                #expect(try await client.send(.get, "/\(customer)/me", token: early).status == .unauthorized)
                #expect(try await client.send(.get, "/\(customer)/me", token: try await harness.token(harness.reader)).status == .unauthorized, "the built-in issuer is not trusted")

                let information = try await client.send(.get, "/auth-information?id=\(customer)")
                #expect(information.object["region"] as? String == "eu-west-1")
                #expect(information.object["user_pool_id"] as? String == "eu-west-1_Pool")
                #expect(information.object["user_pool_client_id"] as? String == ExternalPool.audience)
            }
        }
    }
}
