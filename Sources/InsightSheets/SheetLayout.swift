/// The geometry of a printed sheet of labels, in whole pixels at `dotsPerInch`: the page, a
/// grid of `columns × rows` equal labels, and the type sizes. The page's header is centred in
/// the band above the grid, its footer in the band below.
///
/// Labels fill the grid row by row from the top-left; label frames are `horizontalPitch` and
/// `verticalPitch` pixels apart (a pitch equal to the label size means labels touch). See the
/// presets `.a4`, `.letter` and `.labels`; `validate()` checks a layout you build yourself.
public struct SheetLayout: Sendable, Hashable {
    /// Print resolution; also written to the PNGs' pHYs chunk.
    public var dotsPerInch: Int
    /// Page width in pixels.
    public var pageWidth: Int
    /// Page height in pixels.
    public var pageHeight: Int
    /// Labels per row.
    public var columns: Int
    /// Rows of labels per page.
    public var rows: Int
    /// Width of one label in pixels.
    public var labelWidth: Int
    /// Height of one label in pixels.
    public var labelHeight: Int
    /// Pixels from the page's left edge to the first column's left edge.
    public var leftMargin: Int
    /// Pixels from the page's top edge to the first row's top edge; the header goes here.
    public var topMargin: Int
    /// Pixels from one column's left edge to the next one's (at least `labelWidth`).
    public var horizontalPitch: Int
    /// Pixels from one row's top edge to the next one's (at least `labelHeight`).
    public var verticalPitch: Int
    /// Pixels inside each label's edge kept clear of ink (other than cut lines): tolerance for
    /// cutting and for label stock that is not fed quite straight.
    public var labelPadding: Int
    /// Where the QR code sits relative to the text.
    public var arrangement: LabelArrangement
    /// Whether to draw a thin dashed line along each label's edge, to cut plain paper along.
    public var drawsCutLines: Bool
    /// Type sizes.
    public var typography: LabelTypography
    /// The exact paper size a PDF's pages get; the pixel page lies at its top-left corner.
    public var paper: PaperSize

    /// A layout with every measurement given in pixels at `dotsPerInch`; see the properties.
    /// The paper is the pixel page's size unless given.
    public init(dotsPerInch: Int = 300, pageWidth: Int, pageHeight: Int, columns: Int, rows: Int,
                labelWidth: Int, labelHeight: Int, leftMargin: Int, topMargin: Int,
                horizontalPitch: Int, verticalPitch: Int, labelPadding: Int,
                arrangement: LabelArrangement, drawsCutLines: Bool, typography: LabelTypography,
                paper: PaperSize? = nil) {
        self.dotsPerInch = dotsPerInch
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
        self.columns = columns
        self.rows = rows
        self.labelWidth = labelWidth
        self.labelHeight = labelHeight
        self.leftMargin = leftMargin
        self.topMargin = topMargin
        self.horizontalPitch = horizontalPitch
        self.verticalPitch = verticalPitch
        self.labelPadding = labelPadding
        self.arrangement = arrangement
        self.drawsCutLines = drawsCutLines
        self.typography = typography
        self.paper = paper ?? .inches(Double(pageWidth) / Double(dotsPerInch), Double(pageHeight) / Double(dotsPerInch))
    }

    /// Labels on one page.
    public var labelsPerPage: Int { columns * rows }

    /// The smallest QR module size in pixels: the fewest whole pixels that print at least
    /// 0.5 mm wide (6 px at 300 dpi, 4 dots at 203 dpi), so that phone cameras and scanners
    /// resolve the code.
    public var minimumModuleSize: Int { PrintUnits.pixelsCovering(millimetres: 0.5, dotsPerInch: dotsPerInch) }

    /// The frame of the label in position `slot` of a page (from 0, row by row from the top-left).
    /// `slot` must be below `labelsPerPage` (else it traps).
    public func labelFrame(at slot: Int) -> PixelRect {
        precondition((0..<labelsPerPage).contains(slot), "label slot \(slot) is not on a page of \(labelsPerPage)")
        return PixelRect(x: leftMargin + slot % columns * horizontalPitch, y: topMargin + slot / columns * verticalPitch,
                         width: labelWidth, height: labelHeight)
    }

    /// The smallest rectangle holding every label frame.
    public var gridFrame: PixelRect {
        PixelRect(x: leftMargin, y: topMargin,
                  width: (columns - 1) * horizontalPitch + labelWidth, height: (rows - 1) * verticalPitch + labelHeight)
    }

    /// Checks that the layout makes sense: a resolution of 50 to 2400 dpi, positive sizes, at
    /// least one label, labels that neither overlap nor leave the page, padding that leaves room
    /// inside the labels, positive type sizes and at least one title line.
    /// Throws `SheetError.invalidLayout` naming the first problem found.
    public func validate() throws(SheetError) {
        func require(_ condition: Bool, _ reason: @autoclosure () -> String) throws(SheetError) {
            if !condition { throw .invalidLayout(reason: reason()) }
        }
        try require((50...2400).contains(dotsPerInch), "resolution \(dotsPerInch) dpi is not between 50 and 2400")
        try require(pageWidth > 0 && pageHeight > 0, "page size \(pageWidth)×\(pageHeight) px is not positive")
        try require(columns >= 1 && rows >= 1, "grid \(columns)×\(rows) has no labels")
        try require(labelWidth > 0 && labelHeight > 0, "label size \(labelWidth)×\(labelHeight) px is not positive")
        try require(horizontalPitch >= labelWidth && verticalPitch >= labelHeight,
                    "pitch \(horizontalPitch)×\(verticalPitch) px is smaller than the label size \(labelWidth)×\(labelHeight) px, so labels overlap")
        let grid = gridFrame
        try require(leftMargin >= 0 && topMargin >= 0 && grid.maxX <= pageWidth && grid.maxY <= pageHeight,
                    "the labels span (\(grid.x), \(grid.y))–(\(grid.maxX), \(grid.maxY)), beyond the \(pageWidth)×\(pageHeight) px page")
        try require(labelPadding >= 0 && 2 * labelPadding < min(labelWidth, labelHeight),
                    "padding \(labelPadding) px leaves no room inside a \(labelWidth)×\(labelHeight) px label")
        let sizes = [typography.titlePoints, typography.linePoints, typography.codePoints, typography.headerPoints]
        try require(sizes.allSatisfy { $0 > 0 }, "type sizes \(sizes) pt must be positive")
        try require(typography.titleMaxLines >= 1, "titles need at least one line, not \(typography.titleMaxLines)")
    }
}
