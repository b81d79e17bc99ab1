import Foundation
import HTTPTypes
import HummingbirdTesting
import InsightTestSupport
import Testing

/// JSON text for a request body.
func jsonText(_ object: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}

extension TestClientProtocol {
    /// Bulk-creates gateways named `names` (usecase Picking, station Station1); returns their ids by name.
    func createGateways(_ names: [String], customer: String, token: String) async throws -> [String: String] {
        let response = try await send(.post, "/\(customer)/gateways/bulk-create", token: token, json: try bulkBody(names))
        try #require(response.status == .created, "bulk-create answered \(response.status): \(response.details)")
        return Dictionary(uniqueKeysWithValues: response.array.compactMap { gateway in
            (gateway["name"] as? String).flatMap { name in (gateway["id"] as? String).map { (name, $0) } }
        })
    }

    /// `POST /provisioning` without Authorization.
    func redeem(_ token: String) async throws -> TestResponse {
        try await send(.post, "/provisioning", json: try jsonText(["token": token]))
    }

    /// `GET` of the path and query of an absolute link (the in-process router has no host), without Authorization.
    func get(link: String) async throws -> TestResponse {
        try await send(.get, try pathAndQuery(of: link))
    }

    /// The connectivity status of a gateway.
    func status(of gatewayID: String, customer: String, token: String) async throws -> String? {
        try await send(.get, "/\(customer)/gateways/\(gatewayID)", token: token).object["connectivity_status"] as? String
    }
}

/// `/path?query` of an absolute URL.
func pathAndQuery(of link: String) throws -> String {
    let components = try #require(URLComponents(string: link), "'\(link)' is not a URL")
    return components.percentEncodedPath + (components.percentEncodedQuery.map { "?\($0)" } ?? "")
}

extension TestResponse {
    /// The raw body.
    var data: Data { Data(buffer: body) }
}

/// Runs a tool and requires it to exit 0; returns its standard output.
@discardableResult
func requireTool(_ executable: String, _ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let result = try runTool(executable, args)
    try #require(result.status == 0, "\(executable) \(args.joined(separator: " ")) exited \(result.status): \(result.stderrText)", sourceLocation: sourceLocation)
    return result.stdoutText
}

/// The payloads `zbarimg` decodes from a PNG, one per QR code.
func decodedQRCodes(_ png: URL) throws -> [String] {
    try requireTool("zbarimg", ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", png.path])
        .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}

/// A hex serial number without leading zeros, upper case, so that OpenSSL's and the API's spellings compare.
func normalizedSerial<S: StringProtocol>(_ serial: S) -> String {
    let hex = serial.uppercased().filter(\.isHexDigit)
    let trimmed = hex.drop { $0 == "0" }
    return trimmed.isEmpty ? "0" : String(trimmed)
}

/// The serial numbers `openssl crl -text` lists.
func serialsListed(inCRLText text: String) -> Set<String> {
    Set(text.split(separator: "\n").compactMap { line -> String? in
        guard let range = line.range(of: "Serial Number:") else { return nil }
        return normalizedSerial(line[range.upperBound...])
    })
}

/// The bytes of a base64url string without padding.
func base64URLDecoded(_ text: String) -> Data? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    return Data(base64Encoded: base64)
}

/// The CRL number of a PEM CRL, as `openssl crl -crlnumber` reads it.
func crlNumber(_ pem: Data) throws -> UInt64 {
    let result = try runTool("openssl", ["crl", "-noout", "-crlnumber"], stdin: pem)
    try #require(result.status == 0, "openssl crl: \(result.stderrText)")
    let value = try #require(result.stdoutText.split(separator: "=").last).trimmingCharacters(in: .whitespacesAndNewlines)
    let hex = value.hasPrefix("0x") ? String(value.dropFirst(2)) : value
    return try #require(UInt64(hex, radix: 16), "crlNumber '\(value)'")
}
