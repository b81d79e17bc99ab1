import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightCore
import InsightTestSupport
import Testing

@Suite("User and role operations")
struct UserAPITests {
    @Test("roles list both roles with their permissions; /me shows the caller as stored", arguments: TestDatabase.allCases)
    func rolesAndMe(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let reader = try await harness.token(harness.reader)
            let base = "/\(harness.admin.customerID)"
            try await harness.test { client in
                // A well-formed next_token changes nothing: both roles fit on one page. A malformed one is 400.
                let malformed = try await client.send(.get, "\(base)/roles?next_token=anything", token: reader)
                #expect(malformed.status == .badRequest && malformed.details.contains("next_token"))
                for uri in ["\(base)/roles", "\(base)/roles?next_token=0_30&next_key=0_30"] {
                    let roles = try await client.send(.get, uri, token: reader)
                    #expect(roles.status == .ok)
                    let items = try #require(roles.object["items"] as? [[String: Any]])
                    #expect(items.compactMap { $0["name"] as? String } == ["ADMIN_ROLE", "USER_ROLE"])
                    let userPermissions = try #require(items[1]["permissions"] as? [String])
                    #expect(userPermissions.contains("gateways.read") && userPermissions.contains("me.write"))
                    #expect(!userPermissions.contains("gateways.write") && !userPermissions.contains("users.write"))
                    #expect((items[0]["permissions"] as? [String])?.count == Permission.allCases.count)
                    #expect((roles.object["links"] as? [String: Any])?["next"] == nil)
                }

                let me = try await client.send(.get, "\(base)/me", token: reader)
                #expect(me.status == .ok)
                #expect(me.object["id"] as? String == harness.reader.id)
                #expect(me.object["email"] as? String == "reader@a.example")
                #expect(me.object["roles"] as? [String] == ["USER_ROLE"])
                #expect((me.object["permissions"] as? [String])?.contains("events.read") == true)
                #expect(me.object["consent_general_terms"] == nil && me.object["consent_privacy_policy"] == nil)
                #expect((me.object["created"] as? Int64 ?? 0) > 1_600_000_000_000, "milliseconds")

                let other = "/\(harness.otherAdmin.customerID)"
                for path in ["\(other)/roles", "\(other)/me", "\(other)/users"] {
                    let response = try await client.send(.get, path, token: reader)
                    #expect(response.status == .forbidden, "\(path)")
                    #expect(response.object["title"] as? String == "Forbidden")
                }
            }
        }
    }

    @Test("create, get, list and delete; a deleted user is gone", arguments: TestDatabase.allCases)
    func lifecycle(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)/users"
            try await harness.test { client in
                let created = try await client.send(
                    .post, base, token: admin, json: #"{"first_name":"Jürgen","last_name":"O'Neil","role":"USER_ROLE","email":"Jurgen.ONeil@Example.com"}"#
                )
                #expect(created.status == .ok, "the seed's 200, not 201")
                let id = try #require(created.object["id"] as? String)
                #expect(UUID(uuidString: id) != nil)
                #expect(created.object["email"] as? String == "Jurgen.ONeil@Example.com", "kept as given")
                #expect(created.object["first_name"] as? String == "Jürgen")
                #expect(created.object["roles"] as? [String] == ["USER_ROLE"])

                let fetched = try await client.send(.get, "\(base)/\(id)", token: admin)
                #expect(fetched.status == .ok)
                #expect(fetched.object["last_name"] as? String == "O'Neil")

                let list = try await client.send(.get, base, token: admin)
                #expect(list.status == .ok)
                let emails = try #require(list.object["items"] as? [[String: Any]]).compactMap { $0["email"] as? String }
                #expect(emails == ["admin@a.example", "reader@a.example", "Jurgen.ONeil@Example.com"], "in order of creation, this customer only")

                #expect(try await client.send(.delete, "\(base)/\(id)", token: admin).status == .noContent)
                #expect(try await client.send(.get, "\(base)/\(id)", token: admin).status == .notFound)
                let again = try await client.send(.delete, "\(base)/\(id)", token: admin)
                #expect(again.status == .notFound)
                #expect(again.object["title"] as? String == "Not Found")
                #expect(try await client.send(.patch, "\(base)/\(id)", token: admin, json: #"{"first_name":"X"}"#).status == .notFound)
                #expect(try await client.send(.get, "\(base)/not-a-user", token: admin).status == .notFound)
            }
        }
    }

    @Test("create refuses bad fields (400 naming them), a taken email in any case (409), readers and other customers (403)", arguments: TestDatabase.allCases)
    func createErrors(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let reader = try await harness.token(harness.reader)
            let otherAdmin = try await harness.token(harness.otherAdmin)
            let base = "/\(harness.admin.customerID)/users"
            try await harness.test { client in
                let bad: [(String, String)] = [
                    (body(role: "ROOT_ROLE"), "role"),
                    (body(email: "no-at-sign"), "email"),
                    (body(email: "a b@a.example"), "email"),
                    (body(first: "   "), "first_name"),
                    (body(last: "x\u{7}"), "last_name"),
                    (#"{"first_name":"A","last_name":"B","role":"USER_ROLE"}"#, "email"),
                ]
                for (json, field) in bad {
                    let response = try await client.send(.post, base, token: admin, json: json)
                    #expect(response.status == .badRequest, "\(json)")
                    #expect(response.details.contains(field), "\(json): \(response.details)")
                }
                let taken = try await client.send(.post, base, token: admin, json: body(email: "READER@A.example"))
                #expect(taken.status == .conflict)
                #expect(taken.object["title"] as? String == "Conflict")
                let byReader = try await client.send(.post, base, token: reader, json: body())
                #expect(byReader.status == .forbidden)
                #expect(byReader.details.contains("users.write"))
                #expect(try await client.send(.post, base, token: otherAdmin, json: body()).status == .forbidden)
                #expect(try await client.send(.delete, "\(base)/\(harness.admin.id)", token: reader).status == .forbidden)
                #expect(try await client.send(.delete, "\(base)/\(harness.reader.id)", token: otherAdmin).status == .forbidden)
                #expect(try await client.send(.get, "\(base)/\(harness.reader.id)", token: otherAdmin).status == .forbidden)
            }
        }
    }

    @Test("a user changes their own names and language only; an admin changes roles, at once for the user's tokens", arguments: TestDatabase.allCases)
    func patchRules(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let reader = try await harness.token(harness.reader)
            let base = "/\(harness.admin.customerID)/users"
            let own = "\(base)/\(harness.reader.id)"
            try await harness.test { client in
                let renamed = try await client.send(.patch, own, token: reader, json: #"{"first_name":"Rea","language":"Deutsch"}"#)
                #expect(renamed.status == .noContent)
                let me = try await client.send(.get, "/\(harness.admin.customerID)/me", token: reader)
                #expect(me.object["first_name"] as? String == "Rea")
                #expect(me.object["language"] as? String == "Deutsch")
                #expect((me.object["last_updated"] as? Int64 ?? 0) >= (me.object["created"] as? Int64 ?? .max))

                let ownRole = try await client.send(.patch, own, token: reader, json: #"{"role":"ADMIN_ROLE"}"#)
                #expect(ownRole.status == .forbidden)
                #expect(try await client.send(.patch, "\(base)/\(harness.admin.id)", token: reader, json: #"{"first_name":"X"}"#).status == .forbidden)
                #expect(try await client.send(.patch, own, token: reader, json: #"{"first_name":""}"#).status == .badRequest)
                for role in [#""SUPER""#, #""""#, "5"] {
                    let badRole = try await client.send(.patch, own, token: admin, json: #"{"role":\#(role)}"#)
                    #expect(badRole.status == .badRequest, "\(role)")
                    #expect(badRole.details.contains("role"))
                }

                // Promoted: the reader's existing token may write at once.
                let gateway = #"{"name":"G1","usecase":"u","station":"s"}"#
                #expect(try await client.send(.post, "/\(harness.admin.customerID)/gateways", token: reader, json: gateway).status == .forbidden)
                #expect(try await client.send(.patch, own, token: admin, json: #"{"role":"ADMIN_ROLE"}"#).status == .noContent)
                #expect(try await client.send(.post, "/\(harness.admin.customerID)/gateways", token: reader, json: gateway).status == .created)
                let promoted = try await client.send(.get, own, token: admin)
                #expect(promoted.object["roles"] as? [String] == ["ADMIN_ROLE"])
                #expect(promoted.object["first_name"] as? String == "Rea", "the other fields kept")
                #expect(try await client.send(.patch, own, token: admin, json: #"{"first_name":null,"role":null}"#).status == .noContent, "null counts as absent")
                let unchanged = try await client.send(.get, own, token: admin)
                #expect(unchanged.object["first_name"] as? String == "Rea" && unchanged.object["roles"] as? [String] == ["ADMIN_ROLE"])
            }
        }
    }

    @Test("nobody demotes or deletes the last administrator (409); with a second one, either may go", arguments: TestDatabase.allCases)
    func lastAdministrator(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let reader = try await harness.token(harness.reader)
            let base = "/\(harness.admin.customerID)/users"
            try await harness.test { client in
                let demote = try await client.send(.patch, "\(base)/\(harness.admin.id)", token: admin, json: #"{"role":"USER_ROLE"}"#)
                #expect(demote.status == .conflict)
                #expect(demote.details.contains("last administrator"))
                #expect(try await client.send(.delete, "\(base)/\(harness.admin.id)", token: admin).status == .conflict)

                #expect(try await client.send(.patch, "\(base)/\(harness.reader.id)", token: admin, json: #"{"role":"ADMIN_ROLE"}"#).status == .noContent)
                #expect(try await client.send(.patch, "\(base)/\(harness.admin.id)", token: admin, json: #"{"role":"USER_ROLE"}"#).status == .noContent)
                // Demoted: the first admin's token lost its write permission at once.
                #expect(try await client.send(.delete, "\(base)/\(harness.reader.id)", token: admin).status == .forbidden)
                #expect(try await client.send(.delete, "\(base)/\(harness.reader.id)", token: reader).status == .conflict)
                #expect(try await client.send(.delete, "\(base)/\(harness.admin.id)", token: reader).status == .noContent)
            }
        }
    }

    @Test("users page by 500 with links.next; next_key is next_token's alias; a bad token is 400", arguments: TestDatabase.allCases)
    func paging(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let customerID = harness.admin.customerID
            for index in 0..<499 {
                let now = Timestamp(rawValue: 1_900_000_000_000 + Int64(index / 100))
                try await harness.store.insert(User(
                    id: UUID().uuidString.lowercased(), customerID: customerID, email: "u\(index)@a.example", roles: [.user], created: now, lastUpdated: now
                ))
            }
            try await harness.test { client in
                let first = try await client.send(.get, "/\(customerID)/users", token: admin)
                let firstItems = try #require(first.object["items"] as? [[String: Any]])
                #expect(firstItems.count == 500)
                let next = try #require((first.object["links"] as? [String: Any])?["next"] as? String)
                #expect(next.hasPrefix("/\(customerID)/users?next_token="))
                let token = try #require(URLComponents(string: next)?.queryItems?.first { $0.name == "next_token" }?.value)
                let malformedKey = try await client.send(.get, "/\(customerID)/users?next_token=\(token)&next_key=garbage", token: admin)
                #expect(malformedKey.status == .badRequest && malformedKey.details.contains("next_key"), "a malformed next_key is refused even beside next_token")
                for uri in [next, "/\(customerID)/users?next_key=\(token)", "/\(customerID)/users?next_token=\(token)&next_key=0_30"] {
                    let second = try await client.send(.get, uri, token: admin)
                    let secondItems = try #require(second.object["items"] as? [[String: Any]])
                    #expect(secondItems.count == 1, "\(uri)")
                    #expect((second.object["links"] as? [String: Any])?["next"] == nil)
                    let ids = Set((firstItems + secondItems).compactMap { $0["id"] as? String })
                    #expect(ids.count == 501)
                }
                let bad = try await client.send(.get, "/\(customerID)/users?next_token=garbage", token: admin)
                #expect(bad.status == .badRequest)
                #expect(bad.details.contains("next_token"))
            }
        }
    }
}

/// A `UserCreate` body.
private func body(first: String = "A", last: String = "B", role: String = "USER_ROLE", email: String = "new@a.example") -> String {
    let object: [String: String] = ["first_name": first, "last_name": last, "role": role, "email": email]
    return String(decoding: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), as: UTF8.self)
}
