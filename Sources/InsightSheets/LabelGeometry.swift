/// Where the parts of one label go inside its frame: the QR code with its quiet zone, and the
/// box its text is centred in. The two never overlap, and both lie inside the frame inset by
/// the layout's padding.
struct LabelGeometry: Equatable {
    /// The quiet zone around every QR code, in modules (the minimum ISO/IEC 18004 asks for).
    static let quietZone = 4

    /// The QR code including its quiet zone.
    let qrBox: PixelRect
    /// The side of a QR module in pixels: the largest even size that fits (or the layout's
    /// minimum), so that a sheet printed or scanned at half size keeps whole-pixel modules.
    let moduleSize: Int
    /// The box the text is centred in.
    let textBox: PixelRect

    /// The width text has in a label of `frame` in `layout`, whatever the label says.
    static func textWidth(frame: PixelRect, layout: SheetLayout) -> Int {
        let content = frame.insetBy(layout.labelPadding)
        switch layout.arrangement {
        case .qrAboveText: return content.width
        case .qrBesideText: return content.width - qrSquareBesideText(content)
        }
    }

    /// The side of the square the QR code is centred in beside the text: as tall as the
    /// content, but never wider than half of it, so that the text keeps room on small labels.
    static func qrSquareBesideText(_ content: PixelRect) -> Int {
        min(content.height, content.width / 2)
    }

    /// The geometry of label number `labelIndex` in `frame` of `layout`, for a QR symbol
    /// `symbolWidth` modules wide and text `textHeight` pixels high. With the QR code above the
    /// text, the text takes the bottom of the label and the code is centred in what is left; with
    /// the code beside the text, the code is centred in a square as tall as the label and the
    /// text takes the rest. Throws `SheetError.labelDoesNotFit` if the text is too tall, or if
    /// the code does not fit with modules of `layout.minimumModuleSize`.
    init(frame: PixelRect, layout: SheetLayout, symbolWidth: Int, textHeight: Int, labelIndex: Int) throws(SheetError) {
        let content = frame.insetBy(layout.labelPadding)
        let qrArea: PixelRect
        switch layout.arrangement {
        case .qrAboveText:
            qrArea = PixelRect(x: content.x, y: content.y, width: content.width, height: content.height - textHeight)
            textBox = PixelRect(x: content.x, y: qrArea.maxY, width: content.width, height: textHeight)
        case .qrBesideText:
            let side = Self.qrSquareBesideText(content)
            qrArea = PixelRect(x: content.x, y: content.y, width: side, height: content.height)
            textBox = PixelRect(x: qrArea.maxX, y: content.y, width: content.width - side, height: content.height)
        }
        guard textHeight <= textBox.height, textBox.width > 0 else {
            throw .labelDoesNotFit(labelIndex: labelIndex, reason: "its text needs \(textHeight) px in height but the label has \(content.height) px inside its padding")
        }
        let modules = symbolWidth + 2 * Self.quietZone
        // Odd modules or positions straddle pixels at half size (7 px become 3.5): zbar then
        // misses about one code in 300. Even sizes at even positions halve into whole pixels.
        // The area shrunk to even edges, unless that costs the minimum module size.
        let left = (qrArea.x + 1) & ~1, top = (qrArea.y + 1) & ~1
        let evenArea = PixelRect(x: left, y: top, width: max((qrArea.maxX & ~1) - left, 0), height: max((qrArea.maxY & ~1) - top, 0))
        let area = min(evenArea.width, evenArea.height) / modules >= layout.minimumModuleSize ? evenArea : qrArea
        let largest = min(area.width, area.height) / modules
        moduleSize = largest % 2 == 1 && largest - 1 >= layout.minimumModuleSize ? largest - 1 : largest
        guard moduleSize >= layout.minimumModuleSize else {
            throw .labelDoesNotFit(labelIndex: labelIndex, reason: "its QR code (\(modules) modules across with the quiet zone) needs \(modules * layout.minimumModuleSize) px at the minimum module size of \(layout.minimumModuleSize) px, but only \(qrArea.width)×\(qrArea.height) px are left next to the text; shorten the payload or the text")
        }
        let side = moduleSize * modules
        qrBox = PixelRect(
            x: area.x + ((area.width - side) / 2 & ~1), y: area.y + ((area.height - side) / 2 & ~1),
            width: side, height: side
        )
    }
}
