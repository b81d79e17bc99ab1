import Foundation

/// A `ProvisioningStore` whose packages and waiting PKCS#12 files are sealed (`Sealer`) before
/// they reach the store beneath and opened when they come back: a copy of the database alone
/// opens no package (whose `provisioning.json` holds the token) and no gateway key.
public struct SealedProvisioningStore: ProvisioningStore {
    private let base: any ProvisioningStore
    private let sealer: Sealer

    public init(_ base: any ProvisioningStore, sealer: Sealer) {
        self.base = base
        self.sealer = sealer
    }

    public func recordProvisioning(_ records: [ProvisioningRecord], at now: Timestamp) async throws {
        let sealed = try records.map { record in
            var record = record
            record.token = try record.token.replacingPKCS12(sealer.seal(record.token.pkcs12, context: Self.context(of: record.token)))
            record.package = try record.package.map { try $0.replacingData(sealer.seal($0.data, context: Self.context(of: $0))) }
            return record
        }
        try await base.recordProvisioning(sealed, at: now)
    }

    public func redeemToken(hash tokenHash: Data, at now: Timestamp) async throws -> TokenRecord? {
        try await base.redeemToken(hash: tokenHash, at: now).map { try $0.replacingPKCS12(sealer.open($0.pkcs12, context: Self.context(of: $0))) }
    }

    public func spentTokens(hashes: [Data], customerID: String) async throws -> [Data: SpentToken] {
        try await base.spentTokens(hashes: hashes, customerID: customerID)
    }

    public func latestPackage(gatewayID: UUID, customerID: String) async throws -> PackageRecord? {
        try await base.latestPackage(gatewayID: gatewayID, customerID: customerID).map(opened)
    }

    public func package(id: UUID) async throws -> PackageRecord? {
        try await base.package(id: id).map(opened)
    }

    public func activeCertificates(gatewayID: UUID, customerID: String) async throws -> [CertificateRecord] {
        try await base.activeCertificates(gatewayID: gatewayID, customerID: customerID)
    }

    public func revokedCertificates(customerID: String) async throws -> [CertificateRecord] {
        try await base.revokedCertificates(customerID: customerID)
    }

    public func purgePackageData(createdBefore cutoff: Timestamp) async throws -> Int {
        try await base.purgePackageData(createdBefore: cutoff)
    }

    public func rewriteSecretsAtRest(_ rewrite: @escaping @Sendable (SecretAtRest, Data) throws -> Data?) async throws -> Int {
        try await base.rewriteSecretsAtRest(rewrite)
    }

    private func opened(_ package: PackageRecord) throws -> PackageRecord {
        package.isPurged ? package : package.replacingData(try sealer.open(package.data, context: Self.context(of: package)))
    }

    static func context(of token: TokenRecord) -> String { context(of: .pkcs12(tokenHash: token.tokenHash)) }
    static func context(of package: PackageRecord) -> String { context(of: .package(package.id)) }

    /// What a secret is sealed for: its place, bound into the seal.
    public static func context(of place: SecretAtRest) -> String {
        switch place {
        case .package(let id): "package \(id.lowercasedString)"
        case .pkcs12(let tokenHash): "pkcs12 of token \(tokenHash.lowercaseHex)"
        }
    }
}
