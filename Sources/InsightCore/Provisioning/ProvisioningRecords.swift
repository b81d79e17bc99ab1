import Foundation

/// A stored provisioning token: its hash, lifetime, state and the credentials it unlocks.
public struct TokenRecord: Sendable, Equatable {
    public let tokenHash: Data
    public let customerID: String
    public let gatewayID: UUID
    public let created: Timestamp
    public let expiresAt: Timestamp
    /// The gateway's PKCS#12 (key, certificate, chain), encrypted with the token itself: the
    /// private key is never stored in a form the server alone can open.
    public let pkcs12: Data
    public let certificateSerial: String

    public init(tokenHash: Data, customerID: String, gatewayID: UUID, created: Timestamp, expiresAt: Timestamp, pkcs12: Data, certificateSerial: String) {
        self.tokenHash = tokenHash
        self.customerID = customerID
        self.gatewayID = gatewayID
        self.created = created
        self.expiresAt = expiresAt
        self.pkcs12 = pkcs12
        self.certificateSerial = certificateSerial
    }

    /// This record with `pkcs12` in place of its PKCS#12 (sealed or opened).
    public func replacingPKCS12(_ pkcs12: Data) -> TokenRecord {
        TokenRecord(
            tokenHash: tokenHash, customerID: customerID, gatewayID: gatewayID, created: created, expiresAt: expiresAt,
            pkcs12: pkcs12, certificateSerial: certificateSerial
        )
    }
}

/// A certificate issued to a gateway.
public struct CertificateRecord: Sendable, Equatable {
    /// Upper-case hex.
    public let serial: String
    public let customerID: String
    public let gatewayID: UUID
    public let commonName: String
    public let issued: Timestamp
    public let notAfter: Timestamp
    public let revokedAt: Timestamp?

    public init(serial: String, customerID: String, gatewayID: UUID, commonName: String, issued: Timestamp, notAfter: Timestamp, revokedAt: Timestamp? = nil) {
        self.serial = serial
        self.customerID = customerID
        self.gatewayID = gatewayID
        self.commonName = commonName
        self.issued = issued
        self.notAfter = notAfter
        self.revokedAt = revokedAt
    }
}

/// A built provisioning package (a zip), kept so that its link can be re-created.
public struct PackageRecord: Sendable, Equatable {
    public let id: UUID
    public let customerID: String
    public let gatewayID: UUID
    public let created: Timestamp
    /// The file name offered on download, derived from the gateway name but safe.
    public let fileName: String
    public let sha256: String
    public let data: Data
    /// Whether the entries are encrypted with a package password (which the server does not keep).
    public let encrypted: Bool
    /// Whether the package carries WiFi settings (which the server does not keep either).
    public let carriesWiFi: Bool

    public init(
        id: UUID, customerID: String, gatewayID: UUID, created: Timestamp, fileName: String, sha256: String, data: Data,
        encrypted: Bool, carriesWiFi: Bool
    ) {
        self.id = id
        self.customerID = customerID
        self.gatewayID = gatewayID
        self.created = created
        self.fileName = fileName
        self.sha256 = sha256
        self.data = data
        self.encrypted = encrypted
        self.carriesWiFi = carriesWiFi
    }

    /// Whether the zip was dropped (its token expired): the record stays for what a reissue
    /// must know (`encrypted`, `carriesWiFi`), `data` is empty.
    public var isPurged: Bool { data.isEmpty }

    /// This record with `data` in place of its zip (sealed or opened).
    public func replacingData(_ data: Data) -> PackageRecord {
        PackageRecord(
            id: id, customerID: customerID, gatewayID: gatewayID, created: created, fileName: fileName, sha256: sha256, data: data,
            encrypted: encrypted, carriesWiFi: carriesWiFi
        )
    }
}

/// Everything one provisioning of one gateway writes, stored all at once.
public struct ProvisioningRecord: Sendable {
    /// The gateway in its new state (`REGISTERING`, version incremented).
    public let gateway: Gateway
    public var token: TokenRecord
    public let certificate: CertificateRecord
    public var package: PackageRecord?
    /// Certificates this provisioning revokes (a device swap), with the revocation time.
    public let revokedSerials: [String]

    public init(gateway: Gateway, token: TokenRecord, certificate: CertificateRecord, package: PackageRecord?, revokedSerials: [String] = []) {
        self.gateway = gateway
        self.token = token
        self.certificate = certificate
        self.package = package
        self.revokedSerials = revokedSerials
    }
}
