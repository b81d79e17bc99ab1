import Foundation

extension QRCode {
    /// A 1-bit grayscale PNG of the symbol alone: `moduleSize`-pixel modules inside a white quiet
    /// zone of `quietZone` modules, with a pHYs chunk when `dotsPerInch` is given.
    /// Throws `BarcodeError.invalidArgument` if `moduleSize` < 1, `quietZone` < 0 or the resolution
    /// is not positive, `BarcodeError.pngEncodingFailed` if libpng fails.
    public func pngData(moduleSize: Int = 8, quietZone: Int = 4, dotsPerInch: Int? = nil) throws -> Data {
        let side = max(pixelSize(moduleSize: moduleSize, quietZone: quietZone), 0)
        var image = GrayImage(width: side, height: side)
        try image.draw(self, x: 0, y: 0, moduleSize: moduleSize, quietZone: quietZone)
        return try PNGWriter(bitDepth: .one, dotsPerInch: dotsPerInch).encode(image)
    }
}
