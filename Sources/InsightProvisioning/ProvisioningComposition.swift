import Foundation
import InsightCore

extension ProvisioningService {
    /// The provisioning use cases over the data directory: its CA, its package-link key
    /// (`<data-dir>/package-link.key`, mode 0600) and the README template from `templatesFolder`.
    ///
    /// - Throws: when the data directory cannot be read or written, or the template is invalid.
    public static func onDataDirectory(
        _ dataDirectory: URL, gateways: any GatewayStore, store: any ProvisioningStore, settings: ProvisioningSettings,
        templatesFolder: URL? = nil, keyAlgorithm: GatewayKeyAlgorithm = .ecP256, certificateValidityYears: Int = 2
    ) throws -> ProvisioningService {
        let linkKey = try SecretFile.loadOrCreateKey(at: dataDirectory.appendingPathComponent("package-link.key"))
        return ProvisioningService(
            gateways: gateways, store: store,
            authority: OpenSSLCredentialAuthority(dataDirectory: dataDirectory, keyAlgorithm: keyAlgorithm, validityYears: certificateValidityYears),
            assembler: ZipPackageAssembler(readme: try ReadmeTemplate(folder: templatesFolder)),
            linkSigner: DownloadLinkSigner(key: linkKey, collection: "packages"), settings: settings
        )
    }
}
