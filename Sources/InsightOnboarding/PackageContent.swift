import Foundation
import InsightPackaging

/// What the pipeline reads back from a downloaded package: the token's QR payload and expiry.
struct PackageContent: Decodable {
    var token: String
    var token_expires_at: Int64
    var qr_payload: String

    /// The package's `network.json`.
    struct Network: Decodable {
        var ssid: String?
        var password: String?
        var authentication_type: String?
    }

    /// Reads `provisioning.json` from the zip at `file`, decrypting with `password` if given.
    ///
    /// - Throws: `OnboardingError.packageUnreadable` naming the file: a missing or wrong
    ///   password, a damaged zip or an unexpected document.
    static func read(from file: URL, password: String?) throws -> PackageContent {
        try decode(PackageContent.self, entry: "provisioning.json", in: file, password: password)
    }

    /// Reads `network.json` from the zip at `file`, decrypting with `password` if given.
    static func readNetwork(from file: URL, password: String?) throws -> Network {
        try decode(Network.self, entry: "network.json", in: file, password: password)
    }

    private static func decode<Document: Decodable>(_ type: Document.Type, entry: String, in file: URL, password: String?) throws -> Document {
        do {
            let reader = try ZipArchiveReader(contentsOf: file)
            return try JSONDecoder().decode(type, from: reader.data(forEntry: entry, password: password))
        } catch let error as ZipError {
            throw OnboardingError.packageUnreadable(path: file.path, reason: "\(error)")
        } catch {
            throw OnboardingError.packageUnreadable(path: file.path, reason: "\(entry) is not readable: \(error)")
        }
    }
}
