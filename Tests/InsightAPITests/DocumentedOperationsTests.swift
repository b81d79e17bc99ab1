import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import InsightAPI
import InsightTestSupport
import Testing

/// The served document and the server agree: every documented operation is routed, public ones
/// are exactly those marked `security: []`, and a documented path's missing method is a 405.
@Suite("Documented operations")
struct DocumentedOperationsTests {
    static let routerNotFound = "There is no operation for this method and path."

    @Test("the catalog holds every operation of the document, OPTIONS and extensions included")
    func catalog() {
        let operations = OperationCatalog.served.operations
        #expect(operations.count == 49)
        #expect(Set(operations.map(\.operationID)).count == operations.count)
        let publicOperations = Set(operations.filter(\.isPublic).map { "\($0.method.rawValue) \($0.path)" })
        let publicNonPreflight = publicOperations.filter { !$0.hasPrefix("OPTIONS") }
        #expect(publicNonPreflight == ["POST /provisioning", "GET /packages/{package_id}", "GET /exports/{export_id}", "GET /auth-information"])
        let preflights = operations.filter { $0.method == .options }
        #expect(preflights.count == 10)
        #expect(preflights.allSatisfy { $0.isPublic })
    }

    @Test("no documented operation answers the router's 404", arguments: TestDatabase.allCases)
    func everyOperationIsRouted(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            try await harness.test { client in
                for operation in OperationCatalog.served.operations {
                    let path = Self.concretePath(operation.path, customerID: harness.admin.customerID)
                    let response = try await client.send(operation.method, path, token: token)
                    #expect(response.details != Self.routerNotFound, "\(operation.method) \(operation.path) is not routed")
                    #expect(response.status != .methodNotAllowed, "\(operation.method) \(operation.path)")
                }
            }
        }
    }

    @Test("an undocumented method of a documented path is 405 with Allow; an unknown path 404")
    func wrongMethod() async throws {
        try await APIHarness.with(.sqlite) { harness in
            try await harness.test { client in
                let trace = try await client.send(.trace, "/provisioning")
                #expect(trace.status == .methodNotAllowed)
                #expect(trace.headers[.allow] == "POST")
                #expect(trace.object["title"] as? String == "Method Not Allowed")
                let token = try await harness.token(harness.admin)
                let put = try await client.send(.put, "/\(harness.admin.customerID)/gateways", token: token)
                #expect(put.status == .methodNotAllowed)
                #expect(put.headers[.allow]?.contains("GET") == true)
                let unknown = try await client.send(.get, "/\(harness.admin.customerID)/no-such-thing", token: token)
                #expect(unknown.status == .notFound)
                #expect(unknown.details == Self.routerNotFound)
            }
        }
    }

    /// `template` with the customer's id for `{customer_id}` and a fresh UUID for every other parameter.
    static func concretePath(_ template: String, customerID: String) -> String {
        template.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            guard segment.hasPrefix("{") else { return String(segment) }
            return segment == "{customer_id}" ? customerID : UUID().uuidString.lowercased()
        }.joined(separator: "/")
    }
}
