import Foundation
import InsightTestSupport

/// What zbarimg decodes from the PNG `png`: the payload with zbarimg's trailing newline removed,
/// or, with `binary`, the raw bytes (-Sbinary, no newline added). Nil if it finds no symbol.
func zbarDecode(_ png: Data, binary: Bool = false) throws -> Data? {
    try withTemporaryDirectory { directory in
        let url = directory.appendingPathComponent("code.png")
        try png.write(to: url)
        let result = try runTool("zbarimg", ["--raw", "-q"] + (binary ? ["-Sbinary"] : []) + [url.path])
        guard result.status == 0 else { return nil }
        return binary || result.stdout.last != UInt8(ascii: "\n") ? result.stdout : result.stdout.dropLast()
    }
}

/// What `identify -format format` (ImageMagick) prints for the PNG `png`, with extra `options`
/// placed before the file name.
func identify(_ png: Data, format: String, options: [String] = []) throws -> String {
    try withTemporaryDirectory { directory in
        let url = directory.appendingPathComponent("image.png")
        try png.write(to: url)
        return try runTool("identify", ["-format", format] + options + [url.path]).stdoutText
    }
}
