import InsightBarcodes

/// The errors that InsightSheets throws; each says what failed and, where it helps, what to do.
public enum SheetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// fontconfig has no font of `family`; it would use `resolvedTo` instead.
    case fontNotFound(family: String, resolvedTo: String)
    /// Cairo failed to draw or write; `reason` is Cairo's.
    case drawingFailed(reason: String)
    /// The sheet layout is inconsistent (labels off the page, overlapping, no room for the header…).
    case invalidLayout(reason: String)
    /// Label number `labelIndex` (from 0, over all pages) does not fit its frame; `reason` says why.
    case labelDoesNotFit(labelIndex: Int, reason: String)
    /// The QR code of label number `labelIndex` could not be made.
    case qrCodeFailed(labelIndex: Int, error: BarcodeError)
    /// Page number `pageIndex` (from 0) could not be encoded as PNG.
    case pngEncodingFailed(pageIndex: Int, error: BarcodeError)
    /// A ZPL file is malformed; `reason` says where and how.
    case malformedZPL(reason: String)

    public var description: String {
        switch self {
        case let .fontNotFound(family, resolvedTo):
            "the font family \(family) is not installed (fontconfig offers \(resolvedTo.isEmpty ? "nothing" : resolvedTo) instead): on Debian, run scripts/install-deps or apt-get install fonts-dejavu-core fonts-noto-core fonts-droid-fallback fonts-wqy-microhei"
        case let .drawingFailed(reason):
            "drawing failed: \(reason)"
        case let .invalidLayout(reason):
            "invalid sheet layout: \(reason)"
        case let .labelDoesNotFit(labelIndex, reason):
            "label \(labelIndex + 1) does not fit: \(reason)"
        case let .qrCodeFailed(labelIndex, error):
            "label \(labelIndex + 1): \(error)"
        case let .pngEncodingFailed(pageIndex, error):
            "page \(pageIndex + 1): \(error)"
        case let .malformedZPL(reason):
            "malformed ZPL: \(reason)"
        }
    }
}
