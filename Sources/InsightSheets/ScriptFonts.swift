/// Fonts preferred for particular scripts over the one a style names. DejaVu Sans has Arabic
/// letters, so fontconfig never falls back for them, but its Arabic is an unusual heavy design
/// that Arabic readers (and OCR) find harder than Noto Sans Arabic's: Arabic is set in Noto.
enum ScriptFonts {
    /// The family for Arabic letters, from Debian's fonts-noto-core.
    static let arabicFamily = "Noto Sans Arabic"

    /// The UTF-8 byte ranges of `text` to set in `arabicFamily`: runs of Arabic letters, with
    /// the spaces between two Arabic words (so that a name's words stay in one font).
    static func arabicRanges(in text: String) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var offset = 0
        var pendingSpace: Range<Int>?
        for scalar in text.unicodeScalars {
            let length = String(scalar).utf8.count
            let here = offset..<(offset + length)
            offset += length
            if isArabic(scalar) {
                if let last = ranges.last, last.upperBound == (pendingSpace?.lowerBound ?? here.lowerBound) {
                    ranges[ranges.count - 1] = last.lowerBound..<here.upperBound
                } else {
                    ranges.append(here)
                }
                pendingSpace = nil
            } else if scalar == " ", let last = ranges.last, last.upperBound == here.lowerBound || pendingSpace?.upperBound == here.lowerBound {
                pendingSpace = (pendingSpace?.lowerBound ?? last.upperBound)..<here.upperBound
            } else {
                pendingSpace = nil
            }
        }
        return ranges
    }

    /// Whether `scalar` is in one of Unicode's Arabic blocks.
    private static func isArabic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: true
        default: false
        }
    }
}
