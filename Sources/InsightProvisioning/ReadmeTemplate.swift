import Foundation
import InsightCore
import Mustache

/// The package's `README.txt`, rendered from a Mustache template: `templates/README.txt.mustache`
/// when it exists in the templates folder (users may edit it), else the built-in copy of it.
///
/// Variables: `gateway_name`, `gateway_id`, `station`, `usecase`, `registration_url`,
/// `token_expires_at` (UTC, ISO 8601), `mqtt_endpoint`, `mqtt_topic_prefix`, `has_wifi`,
/// `wifi_ssid`. The token and passwords are deliberately not offered.
public struct ReadmeTemplate: Sendable {
    public static let fileName = "README.txt.mustache"

    private let template: MustacheTemplate

    /// Loads the template from `folder`, or the built-in one when `folder` has none.
    ///
    /// - Throws: when the template file exists but is not valid Mustache (naming the file).
    public init(folder: URL?) throws {
        let file = folder?.appendingPathComponent(Self.fileName)
        let text: String
        if let file, FileManager.default.fileExists(atPath: file.path) {
            text = try String(contentsOf: file, encoding: .utf8)
        } else {
            text = String(decoding: PackageResources.README_txt_mustache, as: UTF8.self)
        }
        do {
            template = try MustacheTemplate(string: text)
        } catch {
            throw InsightError.badRequest("The template \(file?.path ?? Self.fileName) is not valid Mustache: \(error)")
        }
    }

    func render(_ contents: PackageContents) -> String {
        let expiry = contents.tokenExpiresAt.date.formatted(.iso8601)
        let values: [String: Any] = [
            "gateway_name": contents.gateway.name, "gateway_id": contents.gateway.thingName,
            "station": contents.gateway.station, "usecase": contents.gateway.usecase,
            "registration_url": contents.registrationURL, "token_expires_at": expiry,
            "mqtt_endpoint": contents.mqttEndpoint, "mqtt_topic_prefix": contents.mqttTopicPrefix,
            "has_wifi": contents.wifi != nil, "wifi_ssid": contents.wifi?.ssid ?? "",
        ]
        return template.render(values)
    }
}
