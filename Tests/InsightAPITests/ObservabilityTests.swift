import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightCore
import InsightTestSupport
import Testing

/// What an operator watches: Prometheus metrics, request ids, and a shutdown that lets requests
/// under way finish.
@Suite("Observability") struct ObservabilityTests {
    @Test("GET /metrics counts requests by operation and status, times them, and counts what provisioning did")
    func metricsCountWhatHappened() async throws {
        try await APIHarness.with(.sqlite) { harness in
            let admin = try await harness.token(harness.admin)
            let customer = harness.admin.customerID
            try await harness.test { client in
                let ids = try await client.createGateways(["Counted"], customer: customer, token: admin)
                let prepared = try await client.send(.post, "/\(customer)/gateways/\(try #require(ids["Counted"]))/prepare-provisioning", token: admin)
                let token = try #require(prepared.object["token"] as? String)
                #expect(try await client.redeem(token).status == .ok)
                #expect(try await client.redeem(token).status == .forbidden)
                #expect(try await client.send(.get, "/no/such/path").status == .notFound)

                let metrics = try await client.send(.get, "/metrics")
                #expect(metrics.status == .ok)
                #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let lines = Set(String(buffer: metrics.body).split(separator: "\n").map(String.init))
                for expected in [
                    #"insight_http_requests_total{operation="redeemProvisioningToken",status="200"} 1"#,
                    #"insight_http_requests_total{operation="redeemProvisioningToken",status="403"} 1"#,
                    #"insight_http_requests_total{operation="prepareProvisioning",status="200"} 1"#,
                    #"insight_http_requests_total{operation="/no/such/path",status="404"} 1"#,
                    #"insight_http_request_duration_seconds_count{operation="redeemProvisioningToken",status="200"} 1"#,
                    "insight_gateways_provisioned_total 1",
                    "insight_tokens_redeemed_total 1",
                    "insight_gateways_reissued_total 0",
                    #"insight_database_connections_max{pool="write"} 1.0"#,
                    #"insight_database_connections_in_use{pool="write"} 0.0"#,
                    #"insight_database_connections_in_use{pool="read"} 0.0"#,
                ] {
                    #expect(lines.contains { $0 == expected }, "no line \(expected)")
                }
                #expect(lines.contains { $0.hasPrefix(#"insight_http_request_duration_seconds_bucket{operation="redeemProvisioningToken",status="200",le="0.005"}"#) })
                #expect(lines.contains { $0 == "insight_http_requests_in_flight 1.0" }, "the scrape itself is in flight")
            }
        }
    }

    @Test("every response names its request id in X-Request-Id, a new one each time")
    func responsesNameTheirRequestID() async throws {
        try await APIHarness.with(.sqlite) { harness in
            try await harness.test { client in
                var ids: Set<String> = []
                for path in ["/health", "/health", "/no/such/path"] {
                    let response = try await client.send(.get, path)
                    let id = try #require(response.headers[HTTPField.Name("X-Request-Id")!])
                    #expect(id.count >= 16)
                    ids.insert(id)
                }
                #expect(ids.count == 3)
            }
        }
    }

    @Test("SIGTERM while a request is under way: the request is answered, then insight serve exits 0")
    func shutdownDrainsRequestsUnderWay() async throws {
        try await withServeProcess([]) { port, server in
            // Half a body, SIGTERM, the other half: the answer must still come.
            let script = """
            import os, signal, socket, sys, time
            port, pid = int(sys.argv[1]), int(sys.argv[2])
            body = b'{"token": "not-a-token-of-this-server"}'
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"POST /provisioning HTTP/1.1\\r\\nHost: x\\r\\nContent-Type: application/json\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(body) + body[:10])
            time.sleep(0.3)
            os.kill(pid, signal.SIGTERM)
            time.sleep(0.5)
            s.sendall(body[10:])
            s.settimeout(10)
            print(s.recv(4096).split(b"\\r\\n")[0].decode())
            """
            let run = try await runToolOffThePool("python3", ["-c", script, String(port), String(server.processIdentifier)])
            #expect(run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "HTTP/1.1 403 Forbidden", "\(run.stdoutText)\(run.stderrText)")
            let deadline = Date().addingTimeInterval(30)
            while server.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
            #expect(!server.isRunning && server.terminationStatus == 0, "serve stops cleanly after the request")
        }
    }
}

