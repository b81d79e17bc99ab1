import Foundation
import InsightCore

/// A `provisioning_tokens` row.
struct TokenRow: Codable, Sendable {
    var token_hash: Data
    var customer_id: String
    var gateway_id: String
    var created: Int64
    var expires_at: Int64
    var redeemed_at: Int64?
    var voided_at: Int64?
    var pkcs12: Data
    var certificate_serial: String

    init(_ record: TokenRecord) {
        token_hash = record.tokenHash
        customer_id = record.customerID
        gateway_id = record.gatewayID.lowercasedString
        created = record.created.rawValue
        expires_at = record.expiresAt.rawValue
        pkcs12 = record.pkcs12
        certificate_serial = record.certificateSerial
    }

    func record() throws -> TokenRecord {
        guard let gatewayID = UUID(text: gateway_id) else { throw InsightStoreError.corruptRow(table: "provisioning_tokens", id: gateway_id) }
        return TokenRecord(
            tokenHash: token_hash, customerID: customer_id, gatewayID: gatewayID, created: Timestamp(rawValue: created),
            expiresAt: Timestamp(rawValue: expires_at), pkcs12: pkcs12, certificateSerial: certificate_serial
        )
    }
}

/// A `certificates` row.
struct CertificateRow: Codable, Sendable {
    var serial: String
    var customer_id: String
    var gateway_id: String
    var common_name: String
    var issued: Int64
    var not_after: Int64
    var revoked_at: Int64?

    init(_ record: CertificateRecord) {
        serial = record.serial
        customer_id = record.customerID
        gateway_id = record.gatewayID.lowercasedString
        common_name = record.commonName
        issued = record.issued.rawValue
        not_after = record.notAfter.rawValue
        revoked_at = record.revokedAt?.rawValue
    }

    func record() throws -> CertificateRecord {
        guard let gatewayID = UUID(text: gateway_id) else { throw InsightStoreError.corruptRow(table: "certificates", id: serial) }
        return CertificateRecord(
            serial: serial, customerID: customer_id, gatewayID: gatewayID, commonName: common_name,
            issued: Timestamp(rawValue: issued), notAfter: Timestamp(rawValue: not_after), revokedAt: revoked_at.map(Timestamp.init(rawValue:))
        )
    }
}

/// A `packages` row.
struct PackageRow: Codable, Sendable {
    var id: String
    var customer_id: String
    var gateway_id: String
    var created: Int64
    var file_name: String
    var sha256: String
    var data: Data
    /// 1 when encrypted, else 0 (also for packages stored before migration 3 recorded it).
    var encrypted: Int64
    /// 1 when the package carries WiFi settings, else 0 (also before migration 3).
    var carries_wifi: Int64

    init(_ record: PackageRecord) {
        id = record.id.lowercasedString
        customer_id = record.customerID
        gateway_id = record.gatewayID.lowercasedString
        created = record.created.rawValue
        file_name = record.fileName
        sha256 = record.sha256
        data = record.data
        encrypted = record.encrypted ? 1 : 0
        carries_wifi = record.carriesWiFi ? 1 : 0
    }

    func record() throws -> PackageRecord {
        guard let packageID = UUID(text: id), let gatewayID = UUID(text: gateway_id) else {
            throw InsightStoreError.corruptRow(table: "packages", id: id)
        }
        return PackageRecord(
            id: packageID, customerID: customer_id, gatewayID: gatewayID, created: Timestamp(rawValue: created),
            fileName: file_name, sha256: sha256, data: data, encrypted: encrypted != 0, carriesWiFi: carries_wifi != 0
        )
    }
}
