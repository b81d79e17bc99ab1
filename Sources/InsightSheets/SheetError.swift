import CFreeType
import InsightBarcodes

/// The errors that InsightSheets throws; each says what failed and, where it helps, what to do.
public enum SheetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There is no readable font file at `path`.
    case fontNotFound(path: String)
    /// The file at `path` is a font FreeType cannot draw at any size (a bitmap-only font).
    case unsupportedFont(path: String)
    /// FreeType failed while doing `operation`; `code` is its error code.
    case freeTypeFailed(operation: String, code: Int32)
    /// An argument is out of range; `reason` says which and why.
    case invalidArgument(reason: String)
    /// The sheet layout is inconsistent (labels off the page, overlapping, no room for the header…).
    case invalidLayout(reason: String)
    /// Label number `labelIndex` (from 0, over all pages) does not fit its frame; `reason` says why.
    case labelDoesNotFit(labelIndex: Int, reason: String)
    /// The QR code of label number `labelIndex` could not be made.
    case qrCodeFailed(labelIndex: Int, error: BarcodeError)
    /// Page number `pageIndex` (from 0) could not be encoded as PNG.
    case pngEncodingFailed(pageIndex: Int, error: BarcodeError)

    public var description: String {
        switch self {
        case let .fontNotFound(path):
            "no font file at \(path) (on Debian, install fonts-dejavu-core, fonts-droid-fallback and fonts-wqy-microhei for the standard fonts)"
        case let .unsupportedFont(path):
            "the font \(path) has no scalable outlines"
        case let .freeTypeFailed(operation, code):
            "FreeType failed \(operation): \(shim_ft_error_message(code).map { String(cString: $0) } ?? "unknown error") (error \(code))"
        case let .invalidArgument(reason):
            "invalid argument: \(reason)"
        case let .invalidLayout(reason):
            "invalid sheet layout: \(reason)"
        case let .labelDoesNotFit(labelIndex, reason):
            "label \(labelIndex + 1) does not fit: \(reason)"
        case let .qrCodeFailed(labelIndex, error):
            "label \(labelIndex + 1): \(error)"
        case let .pngEncodingFailed(pageIndex, error):
            "page \(pageIndex + 1): \(error)"
        }
    }
}
