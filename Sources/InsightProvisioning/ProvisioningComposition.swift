import Foundation
import InsightCore

extension ProvisioningService {
    /// The provisioning use cases over the data directory: its CA, its package-link key
    /// (`<data-dir>/package-link.key`, mode 0600), the README template from `templatesFolder`,
    /// and `store` sealed under the master key in `masterKeyFile` (default: the data
    /// directory's own, `MasterKey.loadOrCreate`).
    ///
    /// - Throws: when the data directory cannot be read or written, the template is invalid, or
    ///   the master key file cannot be used (`MasterKeyError`).
    public static func onDataDirectory(
        _ dataDirectory: URL, gateways: any GatewayStore, store: any ProvisioningStore, settings: ProvisioningSettings,
        masterKeyFile: URL? = nil, templatesFolder: URL? = nil, keyAlgorithm: GatewayKeyAlgorithm = .ecP256, certificateValidityYears: Int = 2
    ) throws -> ProvisioningService {
        let linkKey = try SecretFile.loadOrCreateKey(at: dataDirectory.appendingPathComponent("package-link.key"))
        return ProvisioningService(
            gateways: gateways, store: try sealed(store, dataDirectory: dataDirectory, masterKeyFile: masterKeyFile),
            authority: OpenSSLCredentialAuthority(dataDirectory: dataDirectory, keyAlgorithm: keyAlgorithm, validityYears: certificateValidityYears),
            assembler: ZipPackageAssembler(readme: try ReadmeTemplate(folder: templatesFolder)),
            linkSigner: DownloadLinkSigner(key: linkKey, collection: "packages"), settings: settings
        )
    }

    /// `store` with its packages and PKCS#12 files sealed under the master key in
    /// `masterKeyFile`, or the data directory's own key.
    public static func sealed(_ store: any ProvisioningStore, dataDirectory: URL, masterKeyFile: URL?) throws -> SealedProvisioningStore {
        let key = try masterKeyFile.map(MasterKey.load(from:)) ?? MasterKey.loadOrCreate(inDataDirectory: dataDirectory)
        return SealedProvisioningStore(store, sealer: Sealer(key: key))
    }
}
