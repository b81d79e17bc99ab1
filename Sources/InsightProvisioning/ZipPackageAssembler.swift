import Foundation
import InsightBarcodes
import InsightCore
import InsightOpenAPI
import InsightWireMapping
import InsightPackaging

/// Builds provisioning packages as zips (libzip), every entry AES-256 encrypted when a password
/// is given:
///
/// | entry | content |
/// |---|---|
/// | `provisioning.json` | gateway (as the API returns it), `registration_url`, `token`, `token_expires_at`, `mqtt_endpoint`, `mqtt_topic_prefix`, `qr_payload` |
/// | `network.json` | `ssid`, `password`, `authentication_type` (null without WiFi), `nonce` (random: blinds the entry's clear-text CRC-32) |
/// | `ca.pem` | the CA chain that signs gateway certificates |
/// | `provisioning-qr.png` | the provisioning QR code (the sheet's payload) |
/// | `wifi-qr.png` | the WiFi as a `WIFI:` QR code (only with WiFi) |
/// | `README.txt` | rendered from the README template |
public struct ZipPackageAssembler: PackageAssembler {
    private let readme: ReadmeTemplate

    public init(readme: ReadmeTemplate) {
        self.readme = readme
    }

    public func assemble(_ contents: PackageContents, password: String?) throws -> Data {
        var zip = ZipArchiveWriter()
        try zip.addEntry(named: ProvisioningPackageFormat.provisioningEntry, data: try Self.provisioningJSON(contents), password: password)
        try zip.addEntry(named: ProvisioningPackageFormat.networkEntry, data: try Self.networkJSON(contents.wifi), password: password)
        try zip.addEntry(named: "ca.pem", data: Data(contents.chainPEM.utf8), password: password)
        try zip.addEntry(named: "provisioning-qr.png", data: try QRCode(string: contents.qrPayload).pngData(moduleSize: 8), password: password)
        if let wifi = contents.wifi {
            try zip.addEntry(named: "wifi-qr.png", data: try QRCode(string: WiFiQRPayload.payload(for: wifi)).pngData(moduleSize: 8), password: password)
        }
        try zip.addEntry(named: "README.txt", data: Data(readme.render(contents).utf8), password: password)
        return try zip.archiveData()
    }

    private static func provisioningJSON(_ contents: PackageContents) throws -> Data {
        try encoder.encode(ProvisioningPackageFormat.Provisioning(
            gateway: .init(contents.gateway, at: contents.builtAt), registration_url: contents.registrationURL, token: contents.token.value,
            token_expires_at: contents.tokenExpiresAt.rawValue, mqtt_endpoint: contents.mqttEndpoint,
            mqtt_topic_prefix: contents.mqttTopicPrefix, qr_payload: contents.qrPayload
        ))
    }

    private static func networkJSON(_ wifi: WiFiCredentials?) throws -> Data {
        let nonce = (0..<16).map { _ in UInt8.random(in: .min ... .max) }.lowercaseHex
        return try encoder.encode(ProvisioningPackageFormat.Network(
            ssid: wifi?.ssid, password: wifi?.password, authentication_type: wifi?.authenticationType, nonce: nonce
        ))
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
