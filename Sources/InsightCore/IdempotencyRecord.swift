import Foundation

/// A request made safe to send again: the key its client chose, a fingerprint of what it asked
/// and the ids of what it created, stored in the same transaction as its effect. A request that
/// comes again with the key is answered from this record instead of being carried out twice.
public struct IdempotencyRecord: Sendable, Equatable {
    public let customerID: String
    /// The client's `Idempotency-Key`: 1 to 128 printable ASCII characters.
    public let key: String
    /// The operation the key was used with, e.g. `bulk-create`.
    public let operation: String
    /// SHA-256 (hex) of the request's content, to tell a repeat from another request under the same key.
    public let requestSHA256: String
    /// What the request created, in the order of its answer.
    public let resourceIDs: [UUID]
    public let created: Timestamp

    public init(customerID: String, key: String, operation: String, requestSHA256: String, resourceIDs: [UUID], created: Timestamp) {
        self.customerID = customerID
        self.key = key
        self.operation = operation
        self.requestSHA256 = requestSHA256
        self.resourceIDs = resourceIDs
        self.created = created
    }

    /// Whether `key` is a usable idempotency key.
    public static func isValidKey(_ key: String) -> Bool {
        (1...128).contains(key.utf8.count) && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }
}
