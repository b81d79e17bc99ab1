import CQREncode
import Foundation

/// A QR code symbol: a square grid of dark and light modules, without the quiet zone.
/// Data is encoded by libqrencode in 8-bit byte mode, so any bytes decode exactly.
public struct QRCode: Sendable, Hashable {
    /// The ECI designator that declares 8-bit data to be UTF-8.
    private static let utf8ECI: UInt32 = 26

    /// The QR version (1 to 40), the smallest that holds the data.
    public let version: Int
    /// Modules per side (17 + 4 × version).
    public let width: Int
    /// The module grid, `width` rows of `width` modules, top row first; `true` is dark.
    public let modules: [[Bool]]

    /// Encodes the bytes of `data` as they are, without a character set declaration, at
    /// `errorCorrection` (M unless told otherwise), in the smallest version that fits.
    /// Throws `BarcodeError.dataTooLarge` if no version holds it, `BarcodeError.qrEncodingFailed`
    /// otherwise (for instance for empty data).
    public init(data: Data, errorCorrection: QRErrorCorrection = .medium) throws {
        try self.init(data: data, eci: nil, errorCorrection: errorCorrection)
    }

    /// Encodes the UTF-8 bytes of `string`. A string with non-ASCII characters is preceded by the
    /// UTF-8 ECI designator (26), so that decoders such as zbarimg do not guess another character
    /// set (short UTF-8 text otherwise often decodes as Shift JIS); ASCII strings carry no ECI, for
    /// the widest reader support. Throws like `init(data:errorCorrection:)`.
    public init(string: String, errorCorrection: QRErrorCorrection = .medium) throws {
        let eci = string.utf8.allSatisfy { $0 < 0x80 } ? nil : Self.utf8ECI
        try self.init(data: Data(string.utf8), eci: eci, errorCorrection: errorCorrection)
    }

    private init(data: Data, eci: UInt32?, errorCorrection: QRErrorCorrection) throws {
        let symbol = try Self.encode(data, eci: eci, errorCorrection: errorCorrection)
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        guard width > 0, let start = symbol.pointee.data else {
            throw BarcodeError.qrEncodingFailed(byteCount: data.count, reason: "libqrencode returned an empty symbol")
        }
        // Bit 0 of each byte is the module's colour; the other bits describe its role.
        let cells = UnsafeBufferPointer(start: start, count: width * width)
        version = Int(symbol.pointee.version)
        self.width = width
        modules = (0..<width).map { row in cells[(row * width)..<((row + 1) * width)].map { $0 & 1 == 1 } }
    }

    /// The side in pixels of the symbol drawn with `moduleSize`-pixel modules inside a quiet zone
    /// of `quietZone` modules on each side.
    public func pixelSize(moduleSize: Int, quietZone: Int = 4) -> Int {
        (width + 2 * quietZone) * moduleSize
    }

    /// The libqrencode symbol (the caller frees it with QRcode_free) for `data` in one 8-bit
    /// segment, after an ECI header if `eci` is given.
    private static func encode(_ data: Data, eci: UInt32?, errorCorrection: QRErrorCorrection) throws -> UnsafeMutablePointer<QRcode> {
        func failure() -> BarcodeError {
            let code = errno
            return code == ERANGE
                ? .dataTooLarge(byteCount: data.count, errorCorrection: errorCorrection)
                : .qrEncodingFailed(byteCount: data.count, reason: strerror(code).map { String(cString: $0) } ?? "errno \(code)")
        }
        guard let input = QRinput_new2(0, errorCorrection.level) else { throw failure() }
        defer { QRinput_free(input) }
        if let eci, QRinput_appendECIheader(input, eci) != 0 { throw failure() }
        let appended = data.withUnsafeBytes { bytes in
            QRinput_append(input, QR_MODE_8, Int32(bytes.count), bytes.bindMemory(to: UInt8.self).baseAddress)
        }
        guard appended == 0, let symbol = QRcode_encodeInput(input) else { throw failure() }
        return symbol
    }
}
