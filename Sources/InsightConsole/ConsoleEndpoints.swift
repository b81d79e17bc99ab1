import Foundation
import HTTPTypes
import Hummingbird
import InsightAPI
import InsightAuth
import InsightCore
import InsightOnboarding
import InsightOnboardingInput
import InsightOpenAPI
import InsightWireMapping
import NIOCore

/// The handlers of the console's endpoints (`ConsoleRoutes` says which path calls which).
struct ConsoleEndpoints: Sendable {
    let server: InsightServer
    let issuer: TokenIssuer?
    let batches: ConsoleBatches

    /// The largest request body the console reads (the API's own limit is enforced before).
    static let bodyLimit = 4 << 20

    // MARK: Signing in

    private struct SignIn: Decodable {
        let loginLink: String?
        let idToken: String?
    }

    private struct Session: Encodable {
        let idToken: String
        /// Milliseconds since 1970.
        let expiresAt: Int64
        let customerID: String
        let userID: String
        let email: String?
        let roles: [String]
    }

    /// `POST /console/api/sign-in` with `{"login_link"}` (spent, and exchanged for an IdToken of
    /// the built-in issuer) or `{"id_token"}` (checked, for an external issuer's tokens).
    func signIn(_ request: Request) async throws -> Response {
        let body = try await decode(SignIn.self, from: request)
        if let link = body.loginLink {
            guard let issuer else {
                throw InsightError.badRequest("This server checks the IdTokens of an external issuer (--jwks): sign in with an IdToken it issued; login links need the built-in issuer.")
            }
            let user = try await LoginLinkService(links: server.store, users: server.store).redeem(link)
            let now = Date()
            let token = try await issuer.issue(for: user, lifetime: ConsoleRoutes.sessionLifetime, now: now)
            return try json(Session(
                idToken: token, expiresAt: Int64(now.addingTimeInterval(ConsoleRoutes.sessionLifetime).timeIntervalSince1970) * 1000,
                customerID: user.customerID, userID: user.id, email: user.email, roles: user.roles.map(\.rawValue).sorted()
            ))
        }
        guard let token = body.idToken, !token.isEmpty else { throw InsightError.badRequest("Give login_link or id_token.") }
        let principal = try await server.principal(authorization: token)
        guard let expiry = JWTExpiry.millis(of: token) else { throw InsightError.unauthorized("The IdToken has no exp claim.") }
        return try json(Session(
            idToken: token, expiresAt: expiry, customerID: principal.customerID, userID: principal.userID, email: principal.email,
            roles: principal.roles.map(\.rawValue).sorted()
        ))
    }

    // MARK: Batches

    private struct CSVCheck: Encodable {
        let rows: Int
        let problems: [ConsoleCSVProblem]
    }

    /// `POST /console/api/csv-check` with the CSV as the body (its name in `?file_name=`): how
    /// many gateways it holds and every problem, with line and column. Nothing is created.
    func checkCSV(_ request: Request) async throws -> Response {
        let principal = try await principal(of: request)
        try principal.authorize(.gatewaysWrite, in: principal.customerID)
        let csv = Data(buffer: try await request.body.collect(upTo: Self.bodyLimit))
        let fileName = request.uri.queryParameters.get("file_name") ?? "upload.csv"
        let (rows, problems) = ConsoleCSVCheck.check(csv, fileName: fileName)
        return try json(CSVCheck(rows: rows, problems: problems.map(ConsoleCSVProblem.init)))
    }

    private struct BatchOrder: Decodable {
        let name: String?
        let fileName: String
        let csvBase64: String
        let wifiSsid: String?
        let wifiPassword: String?
        let wifiAuthenticationType: String?
        let packagePassword: String
    }

    private struct Rejection: Encodable {
        let title: String
        let details: String
        let problems: [ConsoleCSVProblem]
    }

    /// `POST /console/api/batches`: checks the CSV whole and starts the batch (202 with it); a CSV
    /// with problems is answered 422 with every one of them, and nothing is created.
    func startBatch(_ request: Request) async throws -> Response {
        let principal = try await principal(of: request)
        try principal.authorize(.gatewaysWrite, in: principal.customerID)
        try principal.authorize(.provisioningWrite, in: principal.customerID)
        let order = try await decode(BatchOrder.self, from: request)
        guard let csv = Data(base64Encoded: order.csvBase64) else { throw InsightError.badRequest("csv_base64 is not base64.") }
        guard order.packagePassword.count >= 8 else {
            throw InsightError.badRequest("The package password must have at least 8 characters: it encrypts every package (WiFi password, provisioning token).")
        }
        do {
            let batch = try await batches.start(.init(
                customerID: principal.customerID, email: principal.email ?? principal.userID, idToken: request.headers[.authorization] ?? "",
                csv: csv, fileName: order.fileName, name: order.name.flatMap { $0.isEmpty ? nil : $0 }, wifi: try Self.wifi(of: order),
                packagePassword: order.packagePassword
            ))
            return try json(batch, status: .accepted)
        } catch let rejection as ConsoleCSVRejection {
            return try json(Rejection(
                title: "Unprocessable CSV", details: "\(order.fileName) has \(rejection.problems.count) problem(s); nothing was created.",
                problems: rejection.problems.map(ConsoleCSVProblem.init)
            ), status: .unprocessableContent)
        }
    }

    private static func wifi(of order: BatchOrder) throws -> WiFiOverride? {
        guard let ssid = order.wifiSsid, !ssid.isEmpty else { return nil }
        guard let type = WiFiAuthenticationType(parsing: order.wifiAuthenticationType ?? "WPA2") else {
            throw InsightError.badRequest("wifi_authentication_type '\(order.wifiAuthenticationType ?? "")' is not one of WPA, WPA2, WPA3, WEP, nopass.")
        }
        if type != .nopass, (order.wifiPassword ?? "").isEmpty { throw InsightError.badRequest("WiFi '\(ssid)' needs a password (or authentication nopass).") }
        return WiFiOverride(ssid: ssid, password: type == .nopass ? nil : order.wifiPassword, authenticationType: type)
    }

    /// `GET /console/api/batches`: the customer's batches, newest first.
    func listBatches(_ request: Request) async throws -> Response {
        let principal = try await principal(of: request)
        try principal.authorize(.gatewaysRead, in: principal.customerID)
        return try json(["items": await batches.batches(customerID: principal.customerID)])
    }

    /// `GET /console/api/batches/{id}`: the batch, its stages and (once done) its files.
    func batchStatus(_ request: Request, id: String) async throws -> Response {
        let principal = try await principal(of: request)
        try principal.authorize(.gatewaysRead, in: principal.customerID)
        return try json(try await batches.status(of: id, customerID: principal.customerID))
    }

    /// `GET /console/api/batches/{id}/progress`: the batch's status as JSON lines (NDJSON), one
    /// when asked and one each time it changes (at most 4 a second), until it is no longer running.
    func batchProgress(_ request: Request, id: String) async throws -> Response {
        let principal = try await principal(of: request)
        try principal.authorize(.gatewaysRead, in: principal.customerID)
        let customerID = principal.customerID
        let batches = self.batches
        _ = try await batches.status(of: id, customerID: customerID)
        let body = ResponseBody { writer in
            var last = Data()
            while true {
                let status = try await batches.status(of: id, customerID: customerID)
                let line = try ConsoleJSON.encoder.encode(status) + Data("\n".utf8)
                if line != last {
                    try await writer.write(ByteBuffer(bytes: line))
                    last = line
                }
                if status.batch.state != .running { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson", .cacheControl: "no-store"], body: body)
    }

    /// `GET /console/api/batches/{id}/file?path=…`: one file the batch's manifest names.
    func batchFile(_ request: Request, id: String) async throws -> Response {
        let principal = try await principal(of: request)
        try principal.authorize(.provisioningWrite, in: principal.customerID)
        let path = request.uri.queryParameters.get("path") ?? ""
        let data = try await batches.file(path, of: id, customerID: principal.customerID)
        return download(data, named: (path as NSString).lastPathComponent)
    }

    /// `GET /console/api/batches/{id}/packages.zip`: every package of the batch in one zip.
    func batchPackages(_ request: Request, id: String) async throws -> Response {
        let principal = try await principal(of: request)
        try principal.authorize(.provisioningWrite, in: principal.customerID)
        return download(try await batches.packagesArchive(of: id, customerID: principal.customerID), named: "packages-\(id.prefix(8)).zip")
    }

    // MARK: Gateways

    private struct GatewayPage: Encodable {
        let items: [Components.Schemas.Gateway]
        let nextToken: String?
    }

    /// `GET /console/api/gateways?name=&station=&usecase=&status=&limit=&next_token=`: one page of
    /// the gateways that match, as the API's listGateways shapes them.
    func searchGateways(_ request: Request) async throws -> Response {
        let principal = try await principal(of: request)
        let query = request.uri.queryParameters
        let status = try query.get("status").flatMap { value in
            guard let status = Gateway.ConnectivityStatus(rawValue: value) else {
                throw InsightError.badRequest("status '\(value.prefix(32))' is not one of \(Gateway.ConnectivityStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return status
        }
        let page = try PageRequest(limit: query.get("limit").flatMap { Int($0) } ?? 50, nextToken: query.get("next_token"))
        let search = GatewaySearch(nameContains: query.get("name"), station: query.get("station"), usecase: query.get("usecase"), status: status, now: Timestamp(rawValue: 0))
        let found = try await GatewayService(store: server.store).search(principal, customerID: principal.customerID, search: search, page: page)
        let now = server.clock.now()
        return try json(GatewayPage(items: found.items.map { .init($0, at: now) }, nextToken: found.next?.token))
    }

    /// `GET /console/api/gateway-facets`: the stations and use cases to filter by.
    func gatewayFacets(_ request: Request) async throws -> Response {
        let principal = try await principal(of: request)
        let facets = try await GatewayService(store: server.store).facets(principal, customerID: principal.customerID)
        return try json(["stations": facets.stations, "usecases": facets.usecases])
    }

    private struct Certificate: Encodable {
        let serial: String
        let issued: Int64
        let notAfter: Int64
        let revokedAt: Int64?
    }

    private struct GatewayDetails: Encodable {
        let gateway: Components.Schemas.Gateway
        let lastMessageAt: Int64?
        /// Newest first: the current one (not revoked) and those revoked by swaps.
        let certificates: [Certificate]
        /// The console batch that printed its label, with the files that carry it.
        let batch: BatchReference?
    }

    private struct BatchReference: Encodable {
        let id: String
        let name: String
        let package: String
        let labels: [String]
        let stationPDF: String?
        let encrypted: Bool
    }

    /// `GET /console/api/gateways/{id}`: the gateway, its last message, its certificates and the
    /// console batch its label came from.
    func gatewayDetails(_ request: Request, id: String) async throws -> Response {
        let principal = try await principal(of: request)
        let gateway = try await GatewayService(store: server.store).get(principal, customerID: principal.customerID, gatewayID: id)
        let active = try await server.store.activeCertificates(gatewayID: gateway.id, customerID: principal.customerID)
        let revoked = try await server.store.revokedCertificates(customerID: principal.customerID).filter { $0.gatewayID == gateway.id }
        let certificates = (active + revoked).sorted { $0.issued > $1.issued }
            .map { Certificate(serial: $0.serial, issued: $0.issued.rawValue, notAfter: $0.notAfter.rawValue, revokedAt: $0.revokedAt?.rawValue) }
        let held = await batches.batch(holding: gateway.id.lowercasedString, customerID: principal.customerID)
        return try json(GatewayDetails(
            gateway: .init(gateway, at: server.clock.now()), lastMessageAt: gateway.lastMessageAt?.rawValue, certificates: certificates,
            batch: held.map { held in
                BatchReference(
                    id: held.batch.id, name: held.batch.name, package: held.entry.package,
                    labels: [held.entry.reissue_sheet].compactMap { $0 } + (held.entry.reissue_prints ?? []),
                    stationPDF: (held.entry.prints ?? []).first { $0.hasSuffix(".pdf") && !$0.hasSuffix("all-stations.pdf") },
                    encrypted: held.entry.encrypted
                )
            }
        ))
    }

    private struct SwapOrder: Decodable {
        let packagePassword: String?
    }

    /// `POST /console/api/gateways/{id}/swap`: `insight reissue` for a gateway of a console
    /// batch; answers the gateway's details as they are after it.
    func swap(_ request: Request, id: String) async throws -> Response {
        let principal = try await principal(of: request)
        try principal.authorize(.provisioningWrite, in: principal.customerID)
        let order = try await decode(SwapOrder.self, from: request)
        let gateway = try await GatewayService(store: server.store).get(principal, customerID: principal.customerID, gatewayID: id)
        try await batches.swap(
            gatewayID: gateway.id.lowercasedString, customerID: principal.customerID, idToken: request.headers[.authorization] ?? "",
            packagePassword: order.packagePassword.flatMap { $0.isEmpty ? nil : $0 }
        )
        return try await gatewayDetails(request, id: id)
    }

    // MARK: Plumbing

    private func principal(of request: Request) async throws -> Principal {
        try await server.principal(authorization: request.headers[.authorization])
    }

    private func decode<Value: Decodable>(_ type: Value.Type, from request: Request) async throws -> Value {
        let body = try await request.body.collect(upTo: Self.bodyLimit)
        do {
            return try ConsoleJSON.decoder.decode(type, from: Data(buffer: body))
        } catch {
            throw InsightError.badRequest("The request body is not the JSON this endpoint takes: \(error)")
        }
    }

    private func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try ConsoleJSON.encoder.encode(value)))
        )
    }

    private func download(_ data: Data, named name: String) -> Response {
        let type = name.hasSuffix(".pdf") ? "application/pdf" : name.hasSuffix(".zip") ? "application/zip" : name.hasSuffix(".png") ? "image/png" : "application/octet-stream"
        let safeName = String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || "0123456789.-_".unicodeScalars.contains($0)) })
        return Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(safeName.isEmpty ? "download" : safeName)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

/// The `exp` of a JWT already verified, in milliseconds since 1970.
enum JWTExpiry {
    static func millis(of token: String) -> Int64? {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let payload = Data(base64Encoded: base64),
              let claims = try? JSONSerialization.jsonObject(with: payload) as? [String: Any],
              let exp = claims["exp"] as? NSNumber
        else { return nil }
        return exp.int64Value * 1000
    }
}
