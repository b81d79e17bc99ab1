import Foundation

/// One entry of a certificate revocation list.
public struct RevokedCertificate: Sendable, Hashable {
    /// The revoked certificate's serial number in hexadecimal, as `Certificate.serialNumber` gives it.
    public var serialNumber: String
    /// When the certificate was revoked.
    public var revocationDate: Date

    /// An entry for the certificate with `serialNumber` (hexadecimal), revoked at `revocationDate`.
    public init(serialNumber: String, revocationDate: Date) {
        self.serialNumber = serialNumber
        self.revocationDate = revocationDate
    }
}
