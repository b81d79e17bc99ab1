import Foundation

/// Persistence of tokens, certificates and packages.
public protocol ProvisioningStore: Sendable {
    /// Writes every record in one transaction: each gateway update (refused with `conflict` when
    /// its stored version is not `version - 1`), the voiding of every open token of those
    /// gateways, the revocation of `revokedSerials`, and the new tokens, certificates and packages.
    func recordProvisioning(_ records: [ProvisioningRecord], at now: Timestamp) async throws

    /// Marks the token with `tokenHash` redeemed and returns it, if it exists, is unexpired at
    /// `now`, and was neither redeemed nor voided. Exactly one of any number of concurrent calls
    /// for one token gets the record.
    func redeemToken(hash tokenHash: Data, at now: Timestamp) async throws -> TokenRecord?

    /// Of the tokens stored under `hashes` in `customerID`, those already redeemed or voided, by
    /// hash (one query per 500 hashes). Unknown hashes are absent; expiry is not judged here.
    func spentTokens(hashes: [Data], customerID: String) async throws -> [Data: SpentToken]

    /// The newest package built for the gateway.
    func latestPackage(gatewayID: UUID, customerID: String) async throws -> PackageRecord?

    /// The package with `id`, whichever customer it belongs to (for signed public links).
    func package(id: UUID) async throws -> PackageRecord?

    /// Empties the zip of every package created before `cutoff` (their tokens have expired, so
    /// they open nothing any more), keeping the records; returns how many it emptied.
    func purgePackageData(createdBefore cutoff: Timestamp) async throws -> Int

    /// The gateway's certificates that are not revoked.
    func activeCertificates(gatewayID: UUID, customerID: String) async throws -> [CertificateRecord]

    /// Every revoked certificate of the customer.
    func revokedCertificates(customerID: String) async throws -> [CertificateRecord]

    /// Passes every stored package zip and PKCS#12 (not emptied) through `rewrite` with its
    /// place, and stores what it returns where it returns a value, all in one transaction;
    /// returns how many it replaced (master key rotation reseals with it).
    func rewriteSecretsAtRest(_ rewrite: @escaping @Sendable (SecretAtRest, Data) throws -> Data?) async throws -> Int
}

/// The place of a secret the provisioning store keeps.
public enum SecretAtRest: Sendable, Hashable {
    /// The zip of the package with this id.
    case package(UUID)
    /// The PKCS#12 waiting for the token with this hash.
    case pkcs12(tokenHash: Data)
}

/// Why a provisioning token can no longer be redeemed.
public enum SpentToken: String, Sendable {
    /// A gateway redeemed it.
    case redeemed
    /// A reissue replaced it.
    case voided
}

/// What the certificate authority hands out for one gateway.
public struct IssuedCredentials: Sendable {
    /// The PKCS#12 (key, certificate, CA chain), encrypted with the password given.
    public let pkcs12: Data
    public let serial: String
    public let commonName: String
    public let notAfter: Timestamp

    public init(pkcs12: Data, serial: String, commonName: String, notAfter: Timestamp) {
        self.pkcs12 = pkcs12
        self.serial = serial
        self.commonName = commonName
        self.notAfter = notAfter
    }
}

/// The key algorithm of gateway certificates.
public enum GatewayKeyAlgorithm: String, Sendable, CaseIterable {
    case ecP256 = "ec-p256"
    case rsa2048 = "rsa-2048"
}

/// The certificate authority that signs gateway certificates, per customer.
public protocol CredentialAuthority: Sendable {
    /// Mints a key pair and a certificate whose subject and SAN identify `gateway`, and returns
    /// them as a PKCS#12 protected by `password`.
    func issueCredentials(for gateway: Gateway, password: String) async throws -> IssuedCredentials

    /// The PEM chain (issuing CA, then root) that signs the customer's gateway certificates.
    func chainPEM(customerID: String) async throws -> String

    /// Signs a CRL listing what `revoked` returns with the customer's issuing CA, stores it where
    /// every process publishes CRLs from, and returns the published CRL (PEM). `revoked` is called
    /// after the CRL's number is drawn, so that the CRL with the highest number lists every
    /// revocation made before it.
    func publishRevocationList(customerID: String, revoked: @escaping @Sendable () async throws -> [CertificateRecord]) async throws -> String
}

/// WiFi credentials for a package.
public struct WiFiCredentials: Sendable, Equatable {
    public let ssid: String
    public let password: String?
    /// WPA, WPA2, WPA3, WEP or nopass.
    public let authenticationType: String

    public init(ssid: String, password: String?, authenticationType: String) {
        self.ssid = ssid
        self.password = password
        self.authenticationType = authenticationType
    }
}

/// What goes into one gateway's provisioning package.
public struct PackageContents: Sendable {
    public let gateway: Gateway
    /// When the package is built: the moment its copy of the gateway describes.
    public let builtAt: Timestamp
    public let token: ProvisioningToken
    public let tokenExpiresAt: Timestamp
    public let registrationURL: String
    /// The payload of the provisioning QR code (the same as on the sheet).
    public let qrPayload: String
    public let mqttEndpoint: String
    public let mqttTopicPrefix: String
    public let chainPEM: String
    public let wifi: WiFiCredentials?

    public init(gateway: Gateway, builtAt: Timestamp, token: ProvisioningToken, tokenExpiresAt: Timestamp, registrationURL: String, qrPayload: String, mqttEndpoint: String, mqttTopicPrefix: String, chainPEM: String, wifi: WiFiCredentials?) {
        self.gateway = gateway
        self.builtAt = builtAt
        self.token = token
        self.tokenExpiresAt = tokenExpiresAt
        self.registrationURL = registrationURL
        self.qrPayload = qrPayload
        self.mqttEndpoint = mqttEndpoint
        self.mqttTopicPrefix = mqttTopicPrefix
        self.chainPEM = chainPEM
        self.wifi = wifi
    }
}

/// Builds the zip of a provisioning package.
public protocol PackageAssembler: Sendable {
    /// The zip bytes; every entry AES-256 encrypted with `password` when one is given.
    func assemble(_ contents: PackageContents, password: String?) throws -> Data
}
