extension GrayImage {
    /// Draws `code` with its quiet zone's top-left corner at (`x`, `y`): a white square of
    /// `code.pixelSize(moduleSize:quietZone:)` pixels with the dark modules as black
    /// `moduleSize`-pixel squares inside a margin of `quietZone` modules; clipped to the image.
    /// Throws `BarcodeError.invalidArgument` if `moduleSize` < 1 or `quietZone` < 0.
    public mutating func draw(_ code: QRCode, x: Int, y: Int, moduleSize: Int, quietZone: Int = 4) throws {
        guard moduleSize >= 1, quietZone >= 0 else {
            throw BarcodeError.invalidArgument(reason: "module size \(moduleSize) must be at least 1 and quiet zone \(quietZone) at least 0")
        }
        let side = code.pixelSize(moduleSize: moduleSize, quietZone: quietZone)
        fillRect(x: x, y: y, width: side, height: side, value: Self.white)
        let origin = quietZone * moduleSize
        for (row, modules) in code.modules.enumerated() {
            for (column, isDark) in modules.enumerated() where isDark {
                fillRect(x: x + origin + column * moduleSize, y: y + origin + row * moduleSize,
                         width: moduleSize, height: moduleSize, value: Self.black)
            }
        }
    }
}
