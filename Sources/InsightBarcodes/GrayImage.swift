/// An 8-bit grayscale raster, row-major from the top-left corner; 0 is black, 255 is white.
/// Drawing operations clip to the image, so shapes may lie partly or wholly outside it.
public struct GrayImage: Sendable, Hashable {
    /// The value of a black pixel.
    public static let black: UInt8 = 0
    /// The value of a white pixel.
    public static let white: UInt8 = 255

    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width × height` pixel values, top row first.
    public private(set) var pixels: [UInt8]

    /// An image of `width × height` pixels, all `value` (white unless told otherwise).
    /// Negative sizes are a programming error and trap.
    public init(width: Int, height: Int, value: UInt8 = GrayImage.white) {
        precondition(width >= 0 && height >= 0, "image size \(width)×\(height) is negative")
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: value, count: width * height)
    }

    /// An image of `width × height` pixels with the values `pixels`, top row first.
    /// A size that is negative or does not match `pixels.count` is a programming error and traps.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height,
                     "\(pixels.count) pixels do not make an image of \(width)×\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixel at column `x`, row `y`; both must lie inside the image (else it traps).
    public subscript(x: Int, y: Int) -> UInt8 {
        get {
            precondition((0..<width).contains(x) && (0..<height).contains(y), "pixel (\(x), \(y)) is outside the image")
            return pixels[y * width + x]
        }
        set {
            precondition((0..<width).contains(x) && (0..<height).contains(y), "pixel (\(x), \(y)) is outside the image")
            pixels[y * width + x] = newValue
        }
    }

    /// Sets every pixel of the rectangle at (`x`, `y`) of `width × height` pixels to `value`,
    /// clipped to the image.
    public mutating func fillRect(x: Int, y: Int, width: Int, height: Int, value: UInt8) {
        guard let (columns, rows) = clip(x: x, y: y, width: width, height: height) else { return }
        for row in rows {
            let start = row * self.width
            pixels.replaceSubrange((start + columns.lowerBound)..<(start + columns.upperBound),
                                   with: repeatElement(value, count: columns.count))
        }
    }

    /// Copies `image` so that its top-left corner lands at (`x`, `y`), clipped to this image.
    public mutating func blit(_ image: GrayImage, x: Int, y: Int) {
        guard let (columns, rows) = clip(x: x, y: y, width: image.width, height: image.height) else { return }
        for row in rows {
            let source = (row - y) * image.width + (columns.lowerBound - x)
            let start = row * width
            pixels.replaceSubrange((start + columns.lowerBound)..<(start + columns.upperBound),
                                   with: image.pixels[source..<(source + columns.count)])
        }
    }

    /// Lays `image` over this one with its top-left corner at (`x`, `y`), keeping the darker of
    /// each pair of pixels (so a white background leaves what is below it), clipped to this image.
    /// This is how anti-aliased text is drawn: glyphs that overlap never erase each other.
    public mutating func darken(with image: GrayImage, x: Int, y: Int) {
        guard let (columns, rows) = clip(x: x, y: y, width: image.width, height: image.height) else { return }
        let width = self.width
        image.pixels.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                for row in rows {
                    let sourceStart = (row - y) * image.width + (columns.lowerBound - x)
                    let targetStart = row * width + columns.lowerBound
                    for offset in 0..<columns.count {
                        target[targetStart + offset] = min(target[targetStart + offset], source[sourceStart + offset])
                    }
                }
            }
        }
    }

    /// The columns and rows of the rectangle at (`x`, `y`) of `width × height` pixels that lie
    /// inside the image; nil if none do.
    private func clip(x: Int, y: Int, width: Int, height: Int) -> (columns: Range<Int>, rows: Range<Int>)? {
        let left = max(x, 0), right = min(x + width, self.width)
        let top = max(y, 0), bottom = min(y + height, self.height)
        guard left < right, top < bottom else { return nil }
        return (left..<right, top..<bottom)
    }
}
