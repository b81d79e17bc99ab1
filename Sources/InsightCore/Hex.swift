import Crypto
import Foundation

extension Sequence<UInt8> {
    /// These bytes as lower-case hex, two digits each.
    public var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(2 * underestimatedCount)
        for byte in self {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

extension Data {
    /// The SHA-256 of these bytes as lower-case hex.
    public var sha256Hex: String { SHA256.hash(data: self).lowercaseHex }
}
