import AsyncHTTPClient
import Foundation
import InsightCore
import InsightOpenAPI
import InsightPKI
import InsightPackaging
import NIOCore
import NIOFoundationCompat

/// What a gateway knows once provisioned: its package's settings, the certificate and key it
/// redeemed with the package's token, and the CA chain it trusts.
public struct GatewayIdentity: Sendable {
    public let package: URL
    public let provisioning: ProvisioningPackageFormat.Provisioning
    public let credentials: PKCS12
    public let authorities: [Certificate]
    /// Whether the token was redeemed now (false: the credentials were redeemed before and kept).
    public let redeemedNow: Bool

    /// Reads `package` (decrypting with `password`), then redeems its token at its
    /// `registration_url`, as a gateway does on first start. A gateway keeps what it redeemed: the
    /// PKCS#12 (still encrypted with the token) is kept in `.simulator/` beside the package and
    /// used again for the same package (the same token), since a token redeems only once. The
    /// package of a swapped-out device thus keeps presenting its old certificate, as the device would.
    ///
    /// - Throws: `SimulatorError` naming the package: unreadable, refused token, a server that
    ///   cannot be reached.
    public static func provision(package: URL, password: String?, http: HTTPClient) async throws -> GatewayIdentity {
        let provisioning: ProvisioningPackageFormat.Provisioning
        let chainPEM: String
        do {
            let zip = try ZipArchiveReader(contentsOf: package)
            provisioning = try JSONDecoder().decode(
                ProvisioningPackageFormat.Provisioning.self, from: zip.data(forEntry: ProvisioningPackageFormat.provisioningEntry, password: password)
            )
            chainPEM = String(decoding: try zip.data(forEntry: "ca.pem", password: password), as: UTF8.self)
        } catch {
            throw SimulatorError.package(package.path, "cannot be read: \(error)")
        }
        let authorities = try Certificate.all(pemRepresentation: chainPEM)
        let kept = keptCredentialsFile(for: package, token: provisioning.token)
        if let data = try? Data(contentsOf: kept), let credentials = try? PKCS12(derRepresentation: data, password: provisioning.token) {
            return GatewayIdentity(package: package, provisioning: provisioning, credentials: credentials, authorities: authorities, redeemedNow: false)
        }
        let pkcs12 = try await redeem(provisioning, package: package, http: http)
        let credentials: PKCS12
        do {
            credentials = try PKCS12(derRepresentation: pkcs12, password: provisioning.token)
        } catch {
            throw SimulatorError.package(package.path, "the server answered with credentials that do not open with the token: \(error)")
        }
        try FileManager.default.createDirectory(at: kept.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try pkcs12.write(to: kept, options: .atomic)
        return GatewayIdentity(package: package, provisioning: provisioning, credentials: credentials, authorities: authorities, redeemedNow: true)
    }

    /// `POST {registration_url} {"token": …}`: the base64 PKCS#12 of the answer.
    private static func redeem(_ provisioning: ProvisioningPackageFormat.Provisioning, package: URL, http: HTTPClient) async throws -> Data {
        var request = HTTPClientRequest(url: provisioning.registration_url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(["token": provisioning.token])))
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.execute(request, timeout: .seconds(30))
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw SimulatorError.package(package.path, "cannot reach \(provisioning.registration_url) to redeem its token: \(error)")
        }
        guard response.status == .ok || response.status == .created else {
            let hint = response.status == .forbidden || response.status == .unauthorized
                ? " (a token redeems once: was this package's gateway provisioned elsewhere, or replaced by a reissue?)" : ""
            throw SimulatorError.package(package.path, "the server refused its token: \(response.status.code) \(String(buffer: body).prefix(300))\(hint)")
        }
        struct Answer: Decodable { let pkcs12: String }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(buffer: body)), let der = Data(base64Encoded: answer.pkcs12) else {
            throw SimulatorError.package(package.path, "the server's answer holds no base64 pkcs12")
        }
        return der
    }

    /// Where the credentials redeemed with `token` are kept: named by the token's hash.
    static func keptCredentialsFile(for package: URL, token: String) -> URL {
        package.deletingLastPathComponent().appendingPathComponent(".simulator", isDirectory: true)
            .appendingPathComponent("\(Data(token.utf8).sha256Hex.prefix(32)).p12")
    }
}

/// Why the simulator stopped.
public enum SimulatorError: Error, CustomStringConvertible {
    case package(String, String)
    case noPackages(String)

    public var description: String {
        switch self {
        case let .package(path, problem): "\(path): \(problem)"
        case let .noPackages(path): "\(path) holds no .zip packages."
        }
    }
}
