import Foundation
import InsightCore
import InsightPKI

extension ProvisioningService {
    /// The provisioning use cases over the database's shared state: its CAs, its package-link key,
    /// and `store` sealed with its data key; the README template from `templatesFolder`; new
    /// issuing CAs with `issuingKeyInToken` when given (a key in a PKCS#11 token).
    ///
    /// - Throws: when the shared state cannot be read or written, or the template is invalid.
    public static func onSharedState(
        _ secrets: SharedSecrets, gateways: any GatewayStore, store: any ProvisioningStore, settings: ProvisioningSettings,
        templatesFolder: URL? = nil, issuingKeyInToken: PrivateKey? = nil, keyAlgorithm: GatewayKeyAlgorithm = .ecP256, certificateValidityYears: Int = 2
    ) async throws -> ProvisioningService {
        let linkKey = try await secrets.secret(named: SharedStateName.packageLinkKey) { DownloadLinkSigner.makeKey() }
        return ProvisioningService(
            gateways: gateways, store: SealedProvisioningStore(store, sealer: secrets.sealer),
            authority: OpenSSLCredentialAuthority(secrets: secrets, issuingKeyInToken: issuingKeyInToken, keyAlgorithm: keyAlgorithm, validityYears: certificateValidityYears),
            assembler: ZipPackageAssembler(readme: try ReadmeTemplate(folder: templatesFolder)),
            linkSigner: DownloadLinkSigner(key: linkKey, collection: "packages"), settings: settings
        )
    }
}
