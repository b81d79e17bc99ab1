import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightCore
import InsightTestSupport
import Testing

@Suite("Consent operations")
struct ConsentAPITests {
    @Test("consents given are listed per type, filtered by type, and the latest show on /me and the user", arguments: TestDatabase.allCases)
    func giveAndList(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let reader = try await harness.token(harness.reader)
            let admin = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)"
            try await harness.test { client in
                let before = Timestamp(Date()).rawValue
                let given = try await client.send(.post, "\(base)/me/consents", token: reader, json: #"{"privacy_policy_version":"1.2.3","terms_and_conditions_version":"2.0.0-rc.1+build.5"}"#)
                #expect(given.status == .noContent)
                #expect(try await client.send(.post, "\(base)/me/consents", token: reader, json: #"{"terms_and_conditions_version":"2.1.0","connected_policy_version":"0.1.0"}"#).status == .noContent)

                let all = try await client.send(.get, "\(base)/me/consents", token: reader)
                #expect(all.status == .ok)
                let terms = try #require((all.object["terms_and_conditions_agreement"] as? [String: Any])?["versions"] as? [[String: Any]])
                #expect(terms.compactMap { $0["version"] as? String } == ["2.0.0-rc.1+build.5", "2.1.0"])
                #expect(terms.allSatisfy { ($0["agreed_on"] as? Int64 ?? 0) >= before }, "milliseconds")
                #expect(((all.object["privacy_policy"] as? [String: Any])?["versions"] as? [Any])?.count == 1)
                #expect(((all.object["connected_policy"] as? [String: Any])?["versions"] as? [Any])?.count == 1)

                let filtered = try await client.send(.get, "\(base)/me/consents?type=PRIVACY_POLICY", token: reader)
                #expect(filtered.status == .ok)
                #expect(Array(filtered.object.keys) == ["privacy_policy"])
                #expect(try await client.send(.get, "\(base)/me/consents?type=COOKIES", token: reader).status == .badRequest)
                // Another user's consents are their own.
                #expect(try await client.send(.get, "\(base)/me/consents", token: admin).object.isEmpty)

                let me = try await client.send(.get, "\(base)/me", token: reader)
                #expect((me.object["consent_general_terms"] as? [String: Any])?["version"] as? String == "2.1.0")
                #expect((me.object["consent_privacy_policy"] as? [String: Any])?["version"] as? String == "1.2.3")
                #expect(((me.object["consent_privacy_policy"] as? [String: Any])?["timestamp"] as? Int64 ?? 0) >= before)
                let seenByAdmin = try await client.send(.get, "\(base)/users/\(harness.reader.id)", token: admin)
                #expect((seenByAdmin.object["consent_general_terms"] as? [String: Any])?["version"] as? String == "2.1.0")
                let listed = try await client.send(.get, "\(base)/users", token: admin)
                let readerItem = (listed.object["items"] as? [[String: Any]])?.first { $0["id"] as? String == harness.reader.id }
                #expect((readerItem?["consent_privacy_policy"] as? [String: Any])?["version"] as? String == "1.2.3")

                // A user with consents is deleted with them.
                #expect(try await client.send(.delete, "\(base)/users/\(harness.reader.id)", token: admin).status == .noContent)
                #expect(try await harness.store.consents(userID: harness.reader.id, customerID: harness.admin.customerID).isEmpty)
            }
        }
    }

    @Test("bad consent bodies get 400 naming the field; other customers 403", arguments: TestDatabase.allCases)
    func errors(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let reader = try await harness.token(harness.reader)
            let path = "/\(harness.admin.customerID)/me/consents"
            try await harness.test { client in
                let cases: [(String, String)] = [
                    (#"{"privacy_policy_version":"1.2"}"#, "privacy_policy_version"),
                    (#"{"terms_and_conditions_version":"01.2.3"}"#, "terms_and_conditions_version"),
                    (#"{"connected_policy_version":"v1.0.0"}"#, "connected_policy_version"),
                    (#"{"privacy_policy_version":"1.0.0","terms_and_conditions_version":"latest"}"#, "terms_and_conditions_version"),
                    (#"{"cookie_policy_version":"1.0.0"}"#, "cookie_policy_version"),
                    (#"{"privacy_policy_version":5}"#, "privacy_policy_version"),
                ]
                for (json, field) in cases {
                    let response = try await client.send(.post, path, token: reader, json: json)
                    #expect(response.status == .badRequest, "\(json)")
                    #expect(response.details.contains(field), "\(json): \(response.details)")
                }
                #expect(try await client.send(.get, path, token: reader).object.isEmpty, "nothing recorded by a refused request")
                // null counts as absent; a body that gives nothing records nothing.
                for json in ["{}", #"{"privacy_policy_version":null}"#] {
                    #expect(try await client.send(.post, path, token: reader, json: json).status == .noContent, "\(json)")
                }
                #expect(try await client.send(.post, path, token: reader).status == .noContent, "the body is optional")
                #expect(try await client.send(.get, path, token: reader).object.isEmpty)
                let other = "/\(harness.otherAdmin.customerID)/me/consents"
                #expect(try await client.send(.post, other, token: reader, json: #"{"privacy_policy_version":"1.0.0"}"#).status == .forbidden)
                #expect(try await client.send(.get, other, token: reader).status == .forbidden)
                #expect(try await client.send(.get, path).status == .unauthorized)
            }
        }
    }

    @Test("semantic versions as semver 2.0.0 defines them")
    func semanticVersions() {
        for valid in ["0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7", "1.0.0-x-y-z.--", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0+21AF26D3----117B344092BD"] {
            #expect(SemanticVersion.problem(in: valid, field: "v") == nil, "\(valid)")
        }
        for invalid in ["", "1", "1.2", "1.2.3.4", "01.1.1", "1.01.1", "1.1.01", "1.2.3-0123", "1.2.3-", "1.2.3+", "1.2.3-a..b", "1.2.3+a..b", "v1.2.3", "1.2.3 ", "١.٢.٣", "1.2.3-é", String(repeating: "1", count: 130) + ".0.0"] {
            #expect(SemanticVersion.problem(in: invalid, field: "v") != nil, "\(invalid)")
        }
    }
}
