/// The errors that InsightBarcodes throws; each says what failed.
public enum BarcodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data does not fit in the largest QR code (version 40) at this error correction level.
    case dataTooLarge(byteCount: Int, errorCorrection: QRErrorCorrection)
    /// libqrencode failed for another reason; `reason` is the system's explanation (errno).
    case qrEncodingFailed(byteCount: Int, reason: String)
    /// An argument is out of range; `reason` says which and why.
    case invalidArgument(reason: String)
    /// libpng failed; `message` is libpng's own error message.
    case pngEncodingFailed(message: String)

    public var description: String {
        switch self {
        case let .dataTooLarge(byteCount, errorCorrection):
            "\(byteCount) bytes do not fit in a QR code at error correction level \(errorCorrection)"
        case let .qrEncodingFailed(byteCount, reason):
            "QR encoding of \(byteCount) bytes failed: \(reason)"
        case let .invalidArgument(reason):
            "invalid argument: \(reason)"
        case let .pngEncodingFailed(message):
            "PNG encoding failed: \(message)"
        }
    }
}
