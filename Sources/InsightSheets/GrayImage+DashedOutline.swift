import InsightBarcodes

extension GrayImage {
    /// Draws a dashed line `thickness` pixels wide along the edges of `rect`, centred on them
    /// (half outside, half inside), in `value`. Dashes of `dash` pixels follow gaps of `gap`
    /// pixels in a pattern fixed to the page (not to `rect`), so that the outlines of labels
    /// that touch coincide into one line. Clipped to the image.
    mutating func drawDashedOutline(around rect: PixelRect, thickness: Int, dash: Int, gap: Int, value: UInt8) {
        let outside = thickness / 2
        let period = dash + gap
        for y in [rect.y, rect.maxY] {
            for run in Self.dashes(along: (rect.x - outside)..<(rect.maxX + outside), period: period, dash: dash) {
                fillRect(x: run.lowerBound, y: y - outside, width: run.count, height: thickness, value: value)
            }
        }
        for x in [rect.x, rect.maxX] {
            for run in Self.dashes(along: (rect.y - outside)..<(rect.maxY + outside), period: period, dash: dash) {
                fillRect(x: x - outside, y: run.lowerBound, width: thickness, height: run.count, value: value)
            }
        }
    }

    /// The parts of `span` covered by a page-wide dash pattern: a dash `dash` long starting at
    /// every multiple of `period`.
    private static func dashes(along span: Range<Int>, period: Int, dash: Int) -> [Range<Int>] {
        let first = span.lowerBound - ((span.lowerBound % period) + period) % period
        return stride(from: first, to: span.upperBound, by: period).compactMap { start in
            let lower = max(start, span.lowerBound), upper = min(start + dash, span.upperBound)
            return lower < upper ? lower..<upper : nil
        }
    }
}
