import Foundation
import InsightCore
@testable import InsightStore
import InsightTestSupport
import SQLKit
import Testing

/// The libpq connections of the store's reads on PostgreSQL: how a `--database` URL becomes
/// libpq's parameters, what a failed read says, and that reads outlive a dropped connection.
@Suite("PostgreSQL reads through libpq")
struct PostgresReadPoolTests {
    @Test("a URL's TLS mode keeps PostgresKit's meaning in libpq's terms; its other parameters are left to the URL")
    func connectionAttempts() throws {
        func attempts(_ url: String) throws -> [[String: String]] {
            try PostgresReadPool.connectionAttempts(url: url).map { Dictionary($0.map { ($0.keyword, $0.value) }, uniquingKeysWith: { $1 }) }
        }
        let preferred = try attempts("postgres://app:s3cret@db.example:6432/insight")
        #expect(preferred.map { $0["sslmode"] } == ["verify-full", "disable"], "no mode is prefer: TLS checked fully, else none")
        #expect(preferred.allSatisfy { $0["dbname"] == "postgres://app:s3cret@db.example:6432/insight" && $0["client_encoding"] == "UTF8" })
        #expect(preferred.first?["sslrootcert"] == PostgresReadPool.systemTrustedRoots)
        #expect(try attempts("postgres://u@h/d?sslmode=disable").map { $0["sslmode"] } == ["disable"])
        #expect(try attempts("postgres://u@h/d?tls=true").map { $0["sslmode"] } == ["verify-full", "disable"])
        let required = try attempts("postgresql://u@h/d?sslmode=disable&tlsmode=require")
        #expect(required.map { $0["sslmode"] } == ["verify-full"])
        #expect(required.first?["dbname"] == "postgresql://u@h/d")
        #expect(throws: DatabaseLocationError.self) { try attempts("postgres://u@h/d?sslmode=sometimes") }
    }

    @Test("without a TLS mode, reads fall back to no TLS on a server without it; with TLS required, they fail and say why")
    func tlsAgainstAServerWithout() async throws {
        guard case .postgres(let testURL) = try TestDatabase.postgres.location(), var components = URLComponents(string: testURL) else {
            Issue.record("the test database is PostgreSQL")
            return
        }
        components.query = nil
        let server = DatabaseError.serverName(ofURL: testURL)
        let preferred = try PostgresReadPool(url: components.string ?? "", server: server)
        #expect(try await preferred.read("SELECT 1 + 1", binds: []) { try $0.int64() } == [2])
        try await preferred.shutdown()
        let required = try PostgresReadPool(url: (components.string ?? "") + "?sslmode=require", server: server)
        await #expect {
            _ = try await required.read("SELECT 1", binds: []) { try $0.int64() }
        } throws: { error in
            "\(error)".contains("server does not support SSL")
        }
        try await required.shutdown()
    }

    @Test("PostgreSQL's text integers parse exactly, to the limits of Int64")
    func decimalText() {
        func parse(_ text: String) -> Int64? { Array(text.utf8).withUnsafeBytes { Int64(decimalText: $0) } }
        #expect(parse("0") == 0)
        #expect(parse("1767225600000") == 1_767_225_600_000)
        #expect(parse("-42") == -42)
        #expect(parse("9223372036854775807") == .max)
        #expect(parse("-9223372036854775808") == .min)
        for invalid in ["", "-", "9223372036854775808", "-9223372036854775809", "12a", "+1", " 1", "1.5"] {
            #expect(parse(invalid) == nil, "\(invalid)")
        }
    }

    @Test("a server that cannot be reached is named in the error")
    func unreachable() async throws {
        let pool = try PostgresReadPool(url: "postgres://postgres@127.0.0.1:1/insight?sslmode=disable", server: "127.0.0.1:1")
        await #expect {
            _ = try await pool.read("SELECT 1", binds: []) { try $0.int64() }
        } throws: { error in
            "\(error)".hasPrefix("Cannot reach PostgreSQL at 127.0.0.1:1 (libpq):") && (error as? DatabaseError)?.sqlState == nil
        }
        try await pool.shutdown()
    }

    @Test("a refused query reports the server's SQLSTATE and message, and the connection serves the next read")
    func serverError() async throws {
        try await withStore(.postgres) { store, _ in
            await #expect {
                _ = try await store.backend.read({ _ in SQLRaw("SELECT 1 / 0") }, row: { try $0.int64() })
            } throws: { error in
                (error as? DatabaseError)?.sqlState == "22012" && "\(error)".contains("division by zero")
            }
            let values = try await store.backend.read({ _ in SQLRaw("SELECT 7 UNION ALL SELECT NULL ORDER BY 1") }, row: { try $0.optionalInt64() })
            #expect(values == [7, nil])
        }
    }

    @Test("reads go on after the server closed their connections")
    func reconnects() async throws {
        try await withFreshDatabase(.postgres) { location in
            try await SQLStore.withStore(location) { store in
                let customer = Customer(id: UUID().lowercasedString, name: "Test", created: Timestamp(Date()))
                try await store.insert(customer)
                let gateway = makeGateway("G", in: customer)
                try await store.insert([gateway], idempotency: nil)
                let request = try PageRequest(limit: 10, after: nil)
                #expect(try await store.gateways(customerID: customer.id, page: request).items.map(\.id) == [gateway.id])
                let terminated = try await store.backend.withConnection { db in
                    try await db.raw("""
                        SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
                        WHERE datname = current_database() AND application_name = 'insight'
                        """).first(decoding: TerminatedCount.self)?.n ?? 0
                }
                #expect(terminated >= 1, "the read's connection was open, and is now closed")
                #expect(try await store.gateways(customerID: customer.id, page: request).items.map(\.id) == [gateway.id])
            }
        }
    }

    private struct TerminatedCount: Decodable { let n: Int }
}
