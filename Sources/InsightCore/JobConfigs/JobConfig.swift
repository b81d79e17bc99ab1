import Crypto
import Foundation

/// A job configuration: on the listed gateways, a job starts at a scan whose code begins with
/// `startBarcode` and ends at the next scan whose code begins with `endBarcode`.
///
/// There is no update operation, so `version` is 1 and `lastUpdated` is `created` for now; both
/// are kept so that an update can come without a schema change.
public struct JobConfig: Sendable, Equatable {
    public let id: UUID
    public let customerID: String
    public let name: String
    public let startBarcode: String
    public let endBarcode: String
    /// The gateways of the customer the job runs on, in the order given, without repeats.
    public let gatewayIDs: [UUID]
    public let created: Timestamp
    public let lastUpdated: Timestamp
    public let version: Int

    public init(
        id: UUID, customerID: String, name: String, startBarcode: String, endBarcode: String, gatewayIDs: [UUID],
        created: Timestamp, lastUpdated: Timestamp, version: Int
    ) {
        self.id = id
        self.customerID = customerID
        self.name = name
        self.startBarcode = startBarcode
        self.endBarcode = endBarcode
        self.gatewayIDs = gatewayIDs
        self.created = created
        self.lastUpdated = lastUpdated
        self.version = version
    }

    /// The HTTP entity tag of a list of job configs (quoted): it changes whenever a config is
    /// added, removed or changed (a new version), and is the same for the same list.
    public static func entityTag(of configs: [JobConfig]) -> String {
        let fingerprint = configs.map { "\($0.id.lowercasedString):\($0.version)" }.joined(separator: ",")
        return "\"\(SHA256.hash(data: Data(fingerprint.utf8)).prefix(12).lowercaseHex)\""
    }
}

/// What a client gives to create a job config; checked by `JobConfigService.create`.
public struct JobConfigDraft: Sendable, Equatable {
    public var name: String
    public var startBarcode: String
    public var endBarcode: String
    /// Gateway ids as sent: checked to be UUIDs of gateways of the customer.
    public var gatewayIDs: [String]

    public init(name: String, startBarcode: String, endBarcode: String, gatewayIDs: [String]) {
        self.name = name
        self.startBarcode = startBarcode
        self.endBarcode = endBarcode
        self.gatewayIDs = gatewayIDs
    }
}
