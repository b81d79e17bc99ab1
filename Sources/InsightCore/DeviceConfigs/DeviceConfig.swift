import Foundation

/// What is known of a stored device config file without its bytes.
public struct DeviceConfigMetadata: Sendable, Equatable {
    /// The id the client chose (1 to 128 characters).
    public let id: String
    public let customerID: String
    /// The `File-Name` it was stored under.
    public let fileName: String
    public let fileSize: Int
    public let created: Timestamp
    public let lastModified: Timestamp

    public init(id: String, customerID: String, fileName: String, fileSize: Int, created: Timestamp, lastModified: Timestamp) {
        self.id = id
        self.customerID = customerID
        self.fileName = fileName
        self.fileSize = fileSize
        self.created = created
        self.lastModified = lastModified
    }
}

/// A device config file: its metadata and its exact bytes.
public struct DeviceConfig: Sendable, Equatable {
    public let metadata: DeviceConfigMetadata
    public let data: Data

    public init(metadata: DeviceConfigMetadata, data: Data) {
        self.metadata = metadata
        self.data = data
    }
}
