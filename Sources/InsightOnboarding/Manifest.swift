import Foundation
import InsightCore

/// `manifest.json`: what a batch produced, with paths relative to the output folder. It holds no
/// secret: tokens and passwords live only inside the packages (encrypted when a package password
/// is given) and on the printed sheets.
public struct Manifest: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var gateway_id: String
        public var name: String
        public var usecase: String
        public var station: String
        /// The package, relative to the output folder.
        public var package: String
        public var package_sha256: String
        public var token_expires_at: Int64
        /// The station sheet that carries this gateway's label, relative to the output folder.
        public var sheet: String?
        /// SHA-256 of the QR payload on the label, so that `verify` can match decoded codes
        /// without knowing the token.
        public var qr_payload_sha256: String
        /// The one-label sheet made by the last `reissue`, if any.
        public var reissue_sheet: String?
        /// The other files that carry this gateway's label: its station's PDF, the batch's PDF,
        /// its station's ZPL file (nil in manifests from before PDF and ZPL).
        public var prints: [String]?
        /// The one-label PDF and ZPL files made by the last `reissue`, if any.
        public var reissue_prints: [String]?
        /// Whether the package's entries are AES-256 encrypted.
        public var encrypted: Bool
    }

    public var batch: String
    public var customer_id: String
    /// The server the batch was onboarded against: its URL, or `embedded`.
    public var server: String
    public var layout: String
    /// The label formats the batch prints (`png`, `pdf`, `zpl`); nil in manifests from before
    /// PDF and ZPL, whose batches print PNG only.
    public var formats: [String]?
    /// The thermal label stock of its ZPL files, such as `2x1in@203dpi`.
    public var thermal_label: String?
    public var gateways: [Entry]
    /// Every label file of the batch (PNG pages, PDFs, ZPL files), relative to the output folder.
    public var sheets: [String]

    public static let fileName = "manifest.json"
    /// `server` of a batch onboarded by the embedded server.
    public static let embeddedServer = "embedded"

    /// Reads `manifest.json` from `folder`.
    ///
    /// - Throws: `OnboardingError.missingManifest` when there is none, or a decoding error.
    public static func load(from folder: URL) throws -> Manifest {
        let file = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { throw OnboardingError.missingManifest(file.path) }
        return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: file))
    }

    /// Makes the output files written so far durable, then writes `manifest.json` into
    /// `folder` atomically.
    public func write(to folder: URL) throws {
        try OutputFile.synchronize(folder: folder)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: folder.appendingPathComponent(Self.fileName), options: .atomic)
    }
}
