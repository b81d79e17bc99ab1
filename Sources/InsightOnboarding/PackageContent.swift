import Foundation
import InsightCore
import InsightOpenAPI
import InsightPackaging

/// Reads the documents of a downloaded package.
enum PackageContent {
    /// Reads `provisioning.json` from the zip at `file`, decrypting with `password` if given.
    ///
    /// - Throws: `OnboardingError.packageUnreadable` naming the file: a missing or wrong
    ///   password, a damaged zip or an unexpected document.
    static func read(from file: URL, password: String?) throws -> ProvisioningPackageFormat.Provisioning {
        try decode(entry: ProvisioningPackageFormat.provisioningEntry, in: file, password: password)
    }

    /// Reads `network.json` from the zip at `file`, decrypting with `password` if given.
    static func readNetwork(from file: URL, password: String?) throws -> ProvisioningPackageFormat.Network {
        try decode(entry: ProvisioningPackageFormat.networkEntry, in: file, password: password)
    }

    private static func decode<Document: Decodable>(entry: String, in file: URL, password: String?) throws -> Document {
        do {
            let reader = try ZipArchiveReader(contentsOf: file)
            return try JSONDecoder().decode(Document.self, from: reader.data(forEntry: entry, password: password))
        } catch let error as ZipError {
            throw OnboardingError.packageUnreadable(path: file.path, reason: "\(error)")
        } catch {
            throw OnboardingError.packageUnreadable(path: file.path, reason: "\(entry) is not readable: \(error)")
        }
    }
}
