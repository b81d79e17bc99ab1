import CLibPNG
import Foundation

/// Encodes a `GrayImage` as a grayscale PNG, either 8 bits per pixel or 1 bit per pixel
/// (pixels below 128 become black, the rest white), optionally with a pHYs chunk that states
/// the print resolution.
public struct PNGWriter: Sendable {
    /// Bits per pixel in the PNG.
    public enum BitDepth: Int32, Sendable {
        /// Black and white, 8 pixels per byte.
        case one = 1
        /// 256 gray levels.
        case eight = 8
    }

    /// Bits per pixel in the PNG.
    public var bitDepth: BitDepth
    /// Resolution written to the pHYs chunk in dots per inch (stored as pixels per metre,
    /// 300 dpi = 11811); nil writes no pHYs chunk.
    public var dotsPerInch: Int?

    /// A writer of `bitDepth` PNGs (8-bit unless told otherwise), with a pHYs chunk of
    /// `dotsPerInch` if given.
    public init(bitDepth: BitDepth = .eight, dotsPerInch: Int? = nil) {
        self.bitDepth = bitDepth
        self.dotsPerInch = dotsPerInch
    }

    /// The PNG file bytes of `image`. Throws `BarcodeError.invalidArgument` for a resolution
    /// that is not positive, `BarcodeError.pngEncodingFailed` with libpng's message if libpng
    /// fails (for instance for an image with no pixels).
    public func encode(_ image: GrayImage) throws -> Data {
        try image.pixels.withUnsafeBytes { pixels in
            try encode(grayPixels: pixels, width: image.width, height: image.height, rowStride: image.width)
        }
    }

    /// The PNG file bytes of a `width × height` 8-bit gray raster in `grayPixels`, its rows
    /// `rowStride` bytes apart (as a Cairo A8 surface lays them out), without copying it.
    /// Throws like `encode(_:)`; a buffer too small for the rows is a programming error and traps.
    public func encode(grayPixels: UnsafeRawBufferPointer, width: Int, height: Int, rowStride: Int) throws -> Data {
        precondition(width >= 0 && height >= 0 && rowStride >= width && grayPixels.count >= (height > 0 ? (height - 1) * rowStride + width : 0),
                     "\(grayPixels.count) bytes do not hold \(height) rows of \(width) pixels \(rowStride) bytes apart")
        let pixelsPerMetre = try pixelsPerMetre()
        let errorMessage = UnsafeMutablePointer<CChar>.allocate(capacity: Int(SHIM_PNG_ERROR_CAPACITY))
        errorMessage.initialize(repeating: 0, count: Int(SHIM_PNG_ERROR_CAPACITY))
        defer { errorMessage.deallocate() }

        var png = shim_png_create_write_struct(errorMessage)
        var info = png_create_info_struct(png)
        defer { png_destroy_write_struct(&png, &info) }
        guard png != nil, info != nil else { throw BarcodeError.pngEncodingFailed(message: "out of memory") }

        let output = PNGOutput()
        png_set_write_fn(png, Unmanaged.passUnretained(output).toOpaque(), appendToOutput, flushOutput)
        let write = { (base: UnsafeMutablePointer<UInt8>?, stride: Int) -> Int32 in
            var rowPointers = (0..<height).map { row in base.map { $0 + row * stride } }
            return shim_png_write_gray(png, info, &rowPointers, png_uint_32(width), png_uint_32(height), bitDepth.rawValue, pixelsPerMetre)
        }
        let status: Int32 = withExtendedLifetime(output) {
            switch bitDepth {
            case .eight:
                return write(UnsafeMutablePointer(mutating: grayPixels.baseAddress?.assumingMemoryBound(to: UInt8.self)), rowStride)
            case .one:
                var packed = Self.packedBits(of: grayPixels, width: width, height: height, rowStride: rowStride)
                return packed.bytes.withUnsafeMutableBufferPointer { write($0.baseAddress, packed.stride) }
            }
        }
        guard status == 0 else { throw BarcodeError.pngEncodingFailed(message: String(cString: errorMessage)) }
        return output.data
    }

    /// Writes the PNG of `image` to the file at `url`, replacing it atomically.
    /// Throws what `encode(_:)` throws, or the file system's error.
    public func write(_ image: GrayImage, to url: URL) throws {
        try encode(image).write(to: url, options: .atomic)
    }

    /// The pHYs value for `dotsPerInch`, or 0 for none.
    private func pixelsPerMetre() throws -> png_uint_32 {
        guard let dotsPerInch else { return 0 }
        guard (1...100_000).contains(dotsPerInch) else {
            throw BarcodeError.invalidArgument(reason: "resolution \(dotsPerInch) dpi must be between 1 and 100000")
        }
        return png_uint_32((Double(dotsPerInch) / 0.0254).rounded())
    }

    /// The rows packed 1 bit per pixel, one after another, each `stride` bytes long: a pixel is
    /// white (bit set) when it is at least 128; padding bits are 0.
    private static func packedBits(of pixels: UnsafeRawBufferPointer, width: Int, height: Int, rowStride: Int) -> (bytes: [UInt8], stride: Int) {
        let stride = (width + 7) / 8
        var bytes = [UInt8](repeating: 0, count: stride * height)
        // A pixel is white when its top bit is set. Eight pixels are read as one little-endian
        // word; masking their top bits and multiplying by 0x8040201008040201 gathers them,
        // first pixel highest, into the top byte (the partial products never overlap, so
        // nothing carries).
        bytes.withUnsafeMutableBufferPointer { bytes in
            for y in 0..<height {
                let row = y * rowStride
                for column in 0..<stride {
                    let first = row + column * 8, count = min(8, width - column * 8)
                    var eight: UInt64 = 0
                    if count == 8 {
                        eight = UInt64(littleEndian: pixels.loadUnaligned(fromByteOffset: first, as: UInt64.self))
                    } else {
                        for bit in 0..<count { eight |= UInt64(pixels[first + bit]) << (8 * bit) }
                    }
                    bytes[y * stride + column] = UInt8(truncatingIfNeeded: (((eight >> 7) & 0x0101_0101_0101_0101) &* 0x8040_2010_0804_0201) >> 56)
                }
            }
        }
        return (bytes, stride)
    }
}

/// Collects what libpng writes.
private final class PNGOutput {
    var data = Data()
}

/// libpng write callback: appends `length` bytes to the `PNGOutput` set as the io pointer.
/// It never calls png_error, so no longjmp crosses this Swift frame.
private func appendToOutput(_ png: png_structp?, _ bytes: png_bytep?, _ length: Int) {
    guard let bytes, let output = png_get_io_ptr(png) else { return }
    Unmanaged<PNGOutput>.fromOpaque(output).takeUnretainedValue().data.append(bytes, count: length)
}

/// libpng flush callback: nothing to flush in memory. (Passing NULL would make libpng fflush
/// the io pointer as if it were a FILE.)
private func flushOutput(_ png: png_structp?) {}
