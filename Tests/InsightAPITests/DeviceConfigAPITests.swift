import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightCore
import InsightTestSupport
import NIOCore
import Testing

@Suite("Device config operations")
struct DeviceConfigAPITests {
    /// Every byte value, so that nothing is read as text on the way.
    static let binary = Data((0...255).map { UInt8($0) } + [0xFF, 0xFE, 0x00, 0x0D, 0x0A])

    @Test("put stores the exact bytes, get returns them, put again replaces them keeping created, delete then 404", arguments: TestDatabase.allCases)
    func lifecycle(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let token = try await harness.token(harness.admin)
            let base = "/\(harness.admin.customerID)/device-configs"
            try await harness.test { client in
                let stored = try await client.put(base + "/scanner-a", token: token, fileName: #"scanner "a" 100%.cfg"#, data: Self.binary)
                #expect(stored.status == .ok)
                let metadata = stored.object
                #expect(metadata["id"] as? String == "scanner-a")
                #expect(metadata["name"] as? String == #"scanner "a" 100%.cfg"#, "stored verbatim, not percent-decoded")
                #expect(metadata["file_size"] as? Int == Self.binary.count)
                #expect(metadata["class"] as? String == "device_config")
                let created = try #require(metadata["created"] as? Int64)

                let fetched = try await client.send(.get, base + "/scanner-a", token: token)
                #expect(fetched.status == .ok)
                #expect(Data(buffer: fetched.body) == Self.binary)
                #expect(fetched.headers[.contentType] == "application/octet-stream")
                #expect(fetched.headers[.contentDisposition] == "attachment; filename=\"scanner _a_ 100%.cfg\"; filename*=UTF-8''scanner%20%22a%22%20100%25.cfg")
                let asText = try await client.send(.get, base + "/scanner-a", token: token, headers: [.accept: "text/plain"])
                #expect(asText.headers[.contentType]?.hasPrefix("text/plain") == true)
                #expect(Data(buffer: asText.body) == Self.binary)

                let replacement = Data("mode=2\n".utf8)
                let replaced = try await client.put(base + "/scanner-a", token: token, fileName: "v2.cfg", data: replacement)
                #expect(replaced.status == .ok)
                #expect(replaced.object["created"] as? Int64 == created)
                #expect((replaced.object["last_modified"] as? Int64).map { $0 >= created } == true)
                #expect(replaced.object["file_size"] as? Int == replacement.count)
                #expect(Data(buffer: try await client.send(.get, base + "/scanner-a", token: token).body) == replacement)

                let empty = try await client.put(base + "/empty", token: token, fileName: "empty.cfg", data: nil)
                #expect(empty.status == .ok)
                #expect(empty.object["file_size"] as? Int == 0)
                let list = try await client.send(.get, base, token: token)
                #expect((list.object["configs"] as? [[String: Any]])?.map { $0["id"] as? String } == ["empty", "scanner-a"])

                #expect(try await client.send(.delete, base + "/scanner-a", token: token).status == .noContent)
                #expect(try await client.send(.get, base + "/scanner-a", token: token).status == .notFound)
                let again = try await client.send(.delete, base + "/scanner-a", token: token)
                #expect(again.status == .notFound)
                #expect(again.details.contains("scanner-a"))
            }
        }
    }

    @Test("File-Name is required; 10 MiB are accepted, more is 413; readers read only; customers are apart", arguments: TestDatabase.allCases)
    func limitsAndAccess(database: TestDatabase) async throws {
        try await APIHarness.with(database) { harness in
            let admin = try await harness.token(harness.admin)
            let reader = try await harness.token(harness.reader)
            let other = try await harness.token(harness.otherAdmin)
            let base = "/\(harness.admin.customerID)/device-configs"
            try await harness.test { client in
                let unnamed = try await client.execute(uri: base + "/x", method: .put, headers: [.authorization: admin, .contentType: "application/octet-stream"], body: ByteBuffer(string: "a"))
                #expect(unnamed.status == .badRequest)
                #expect(String(buffer: unnamed.body).contains("File-Name"))
                for name in ["a\tb", "   ", "café.cfg"] {
                    let refused = try await client.put(base + "/x", token: admin, fileName: name, data: Data("a".utf8))
                    #expect(refused.status == .badRequest, "\(name)")
                    #expect(String(buffer: refused.body).contains("File-Name"))
                }

                let large = Data(repeating: 0x41, count: DeviceConfigService.maximumFileSize)
                let accepted = try await client.put(base + "/large", token: admin, fileName: "large.bin", data: large)
                #expect(accepted.status == .ok)
                #expect(accepted.object["file_size"] as? Int == large.count)
                let tooLarge = try await client.put(base + "/huge", token: admin, fileName: "huge.bin", data: large + Data([0]))
                #expect(tooLarge.status == .contentTooLarge)
                #expect(try await client.send(.get, base + "/huge", token: admin).status == .notFound)
                let jsonTooLarge = try await client.send(.post, "/\(harness.admin.customerID)/gateways", token: admin, json: String(repeating: " ", count: 1 << 20 + 1))
                #expect(jsonTooLarge.status == .contentTooLarge)

                #expect(try await client.send(.get, base + "/large", token: reader).status == .ok)
                #expect(try await client.put(base + "/r", token: reader, fileName: "r.cfg", data: Data()).status == .forbidden)
                #expect(try await client.send(.delete, base + "/large", token: reader).status == .forbidden)

                #expect(try await client.send(.get, base + "/large", token: other).status == .forbidden)
                #expect(try await client.put(base + "/large", token: other, fileName: "o.cfg", data: Data()).status == .forbidden)
                let otherBase = "/\(harness.otherAdmin.customerID)/device-configs"
                #expect(try await client.send(.get, otherBase + "/large", token: other).status == .notFound)
                #expect((try await client.send(.get, otherBase, token: other).object["configs"] as? [Any])?.isEmpty == true)
            }
        }
    }
}

extension TestClientProtocol {
    /// `PUT` of `data` (none when `nil`) as an octet stream with a `File-Name` header.
    func put(_ uri: String, token: String, fileName: String, data: Data?) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: token, HTTPField.Name("File-Name")!: fileName]
        if data != nil { headers[.contentType] = "application/octet-stream" }
        return try await execute(uri: uri, method: .put, headers: headers, body: data.map { ByteBuffer(bytes: $0) })
    }
}
