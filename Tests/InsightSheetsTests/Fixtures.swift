import Foundation
import InsightBarcodes
import InsightSheets
import InsightTestSupport

/// 14 labels with distinct payloads: provisioning URLs with 43-character tokens (one with
/// non-ASCII text), and names in Cyrillic, Greek and Japanese, of 200 characters, with quotes
/// and slashes.
let sampleLabels: [LabelContent] = (0..<14).map { index in
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    let token = String((0..<43).map { alphabet[(index * 7 + $0 * 13) % alphabet.count] })
    let names = [
        "Gateway Picking-A 01",
        "Склад Ω-7 Gerät",
        String(String(repeating: "Very long gateway name with many words ", count: 6).prefix(200)),
        "Dock \"North\" / Gate 3\\B",
        "Ελληνική πύλη 5",
        "Packing-B 'Express' gateway",
        "東京 倉庫 ゲートウェイ 12",
    ]
    return LabelContent(
        qrPayload: "https://insight.example/provisioning#t=\(token)" + (index == 5 ? "&station=Склад-Ω" : ""),
        title: names[index % names.count],
        lines: ["Station: Picking-A", "Use case: Handheld scanner", "Token expires: 2026-12-27"],
        fallbackCode: "7KQ2-M9XD-\(1000 + index)")
}

/// The header of the samples: "Batch 2026-11-27 · Station Picking-A · page n/m", with a footer.
func sampleHeader(pageIndex: Int, pageCount: Int) -> SheetHeader {
    SheetHeader(batchName: "2026-11-27", station: "Picking-A", pageNumber: pageIndex + 1, pageCount: pageCount,
                footer: "Scan with the Insight app, or type the code at insight.example/provision.")
}

/// The payloads `zbarimg --raw -q` decodes from the image file at `url`, one a line.
func zbarPayloads(at url: URL) throws -> Set<String> {
    let result = try runTool("zbarimg", ["--raw", "-q", url.path])
    return Set(result.stdoutText.split(separator: "\n").map(String.init))
}

/// The number of pixels of `image` darker than 50% gray within `rect` (clipped to the image).
func darkPixels(in image: GrayImage, _ rect: PixelRect) -> Int {
    var count = 0
    for y in max(rect.y, 0)..<min(rect.maxY, image.height) {
        for x in max(rect.x, 0)..<min(rect.maxX, image.width) where image.pixels[y * image.width + x] < 128 {
            count += 1
        }
    }
    return count
}
