import InsightBarcodes

extension BarcodeError {
    /// `error` as thrown by InsightBarcodes, which throws nothing but `BarcodeError`.
    init(_ error: any Error) {
        self = error as? BarcodeError ?? .invalidArgument(reason: String(describing: error))
    }
}
