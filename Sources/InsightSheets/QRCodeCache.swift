import InsightBarcodes

/// The QR codes of the payloads rendered last, so that a label printed as PNG, PDF and ZPL is
/// encoded once. Holds at most `capacity` codes. Not thread-safe.
final class QRCodeCache {
    private let capacity: Int
    private var codes: [String: QRCode] = [:]

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The code of `payload` at error correction M. Throws what `QRCode(string:)` throws.
    func code(for payload: String) throws -> QRCode {
        if let known = codes[payload] { return known }
        let code = try QRCode(string: payload, errorCorrection: .medium)
        if codes.count >= capacity { codes.removeAll(keepingCapacity: true) }
        codes[payload] = code
        return code
    }
}
