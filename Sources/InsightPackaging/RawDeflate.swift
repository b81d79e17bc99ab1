import CZlib
import Foundation

/// Deflate (RFC 1951, no zlib header: what a zip entry holds) and the CRC-32 that zip records, over zlib.
enum RawDeflate {
    /// `data` deflated at zlib's default level. Throws `ZipError.compression` if zlib fails.
    static func compress(_ data: Data) throws -> Data {
        var stream = z_stream()
        // A negative window size asks zlib for raw deflate without header and trailer.
        guard shim_deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK else {
            throw ZipError.compression("initialise deflate")
        }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, uLong(data.count))))
        let status = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        // deflateBound guarantees room for everything in one call.
        guard status == Z_STREAM_END else { throw ZipError.compression("deflate (zlib status \(status))") }
        output.count = Int(stream.total_out)
        return output
    }

    /// The CRC-32 of `data`, as zip headers record it.
    static func crc32(_ data: Data) -> UInt32 {
        let value = data.withUnsafeBytes { bytes in
            CZlib.crc32(0, bytes.bindMemory(to: Bytef.self).baseAddress, uInt(bytes.count))
        }
        return UInt32(truncatingIfNeeded: value)
    }
}
