extension SheetLayout {
    /// A4 paper (210 × 297 mm; 2480 × 3508 px at 300 dpi) cut into 3 × 4 labels of
    /// 64.67 × 66.75 mm that touch each other, with dashed cut lines: 8 mm side margins,
    /// a 16 mm header band and a 14 mm footer band. QR code above the text; 2 mm padding.
    /// Title 13 pt bold, lines 9 pt, code 11 pt monospaced bold, header 10 pt.
    public static func a4(dotsPerInch: Int = 300) -> SheetLayout {
        cutApart(pageMillimetres: (210, 297), dotsPerInch: dotsPerInch)
    }

    /// US Letter paper (8.5 × 11 in = 215.9 × 279.4 mm; 2550 × 3300 px at 300 dpi) cut into
    /// 3 × 4 labels of 66.63 × 62.35 mm, otherwise like `a4(dotsPerInch:)`.
    public static func letter(dotsPerInch: Int = 300) -> SheetLayout {
        cutApart(pageMillimetres: (8.5 * PrintUnits.millimetresPerInch, 11 * PrintUnits.millimetresPerInch), dotsPerInch: dotsPerInch)
    }

    /// Avery L7163-style die-cut label sheets: A4 with 2 × 7 labels of 99.1 × 38.1 mm at a
    /// pitch of 101.6 × 38.1 mm (a 2.5 mm gutter between the columns, none between the rows),
    /// from a left margin of 4.65 mm and a top margin of 15.15 mm (the header goes there).
    /// At 300 dpi: labels of 1170 × 450 px at a pitch of 1200 × 450 px from (55, 179).
    /// QR code left of the text; 2 mm padding; no cut lines (the stock is die-cut).
    /// Title 12 pt bold, lines 9 pt, code 11 pt monospaced bold, header 9 pt.
    public static func labels(dotsPerInch: Int = 300) -> SheetLayout {
        func px(_ millimetres: Double) -> Int { PrintUnits.pixels(millimetres: millimetres, dotsPerInch: dotsPerInch) }
        return SheetLayout(
            dotsPerInch: dotsPerInch, pageWidth: px(210), pageHeight: px(297), columns: 2, rows: 7,
            labelWidth: px(99.1), labelHeight: px(38.1), leftMargin: px(4.65), topMargin: px(15.15),
            horizontalPitch: px(101.6), verticalPitch: px(38.1), labelPadding: px(2),
            arrangement: .qrBesideText, drawsCutLines: false,
            typography: LabelTypography(titlePoints: 12, linePoints: 9, codePoints: 11, headerPoints: 9),
            paper: .millimetres(210, 297))
    }

    /// One thermal label of `widthInches × heightInches` at the printer's `dotsPerInch` (203 or
    /// 300 for most Zebra printers), with no header: the QR code beside the text on labels at
    /// least 1.5 times as wide as high, above it otherwise; 1 mm padding; no cut lines. The type
    /// is sized to the text's width, so that "Token expires: 2026-12-27" and a support code fit
    /// on a line: lines of 1/14 of the width (5 pt on a 2×1 in label, 12 pt at most), titles
    /// 1.4 times that (16 pt at most), codes what is left beside the "Code" caption (14 pt at
    /// most), all in half points.
    public static func thermal(widthInches: Double, heightInches: Double, dotsPerInch: Int) -> SheetLayout {
        func dots(_ inches: Double) -> Int { Int((inches * Double(dotsPerInch)).rounded()) }
        let width = dots(widthInches), height = dots(heightInches)
        let padding = PrintUnits.pixels(millimetres: 1, dotsPerInch: dotsPerInch)
        let arrangement: LabelArrangement = widthInches >= 1.5 * heightInches ? .qrBesideText : .qrAboveText
        let content = PixelRect(x: 0, y: 0, width: width, height: height).insetBy(padding)
        let textWidth = arrangement == .qrBesideText ? content.width - LabelGeometry.qrSquareBesideText(content) : content.width
        let textPoints = Double(textWidth) / Double(dotsPerInch) * PrintUnits.pointsPerInch
        func halfPoints(_ points: Double) -> Double { (points * 2).rounded(.down) / 2 }
        let line = halfPoints(min(12, textPoints / 14))
        let typography = LabelTypography(
            titlePoints: halfPoints(min(16, line * 1.4)), linePoints: line,
            codePoints: halfPoints(min(14, (textPoints - 2.8 * line) / 8.6)), headerPoints: line)
        return SheetLayout(
            dotsPerInch: dotsPerInch, pageWidth: width, pageHeight: height, columns: 1, rows: 1,
            labelWidth: width, labelHeight: height, leftMargin: 0, topMargin: 0,
            horizontalPitch: width, verticalPitch: height, labelPadding: padding,
            arrangement: arrangement, drawsCutLines: false, typography: typography, paper: .inches(widthInches, heightInches))
    }

    /// `a4()` at 300 dpi.
    public static var a4: SheetLayout { a4() }
    /// `letter()` at 300 dpi.
    public static var letter: SheetLayout { letter() }
    /// `labels()` at 300 dpi.
    public static var labels: SheetLayout { labels() }

    /// Plain paper of `pageMillimetres` cut into 3 × 4 touching labels between 8 mm side
    /// margins, a 16 mm header band and a 14 mm footer band.
    private static func cutApart(pageMillimetres page: (width: Double, height: Double), dotsPerInch: Int) -> SheetLayout {
        func px(_ millimetres: Double) -> Int { PrintUnits.pixels(millimetres: millimetres, dotsPerInch: dotsPerInch) }
        let columns = 3, rows = 4
        let side = 8.0, header = 16.0, footer = 14.0
        let labelWidth = px((page.width - 2 * side) / Double(columns))
        let labelHeight = px((page.height - header - footer) / Double(rows))
        return SheetLayout(
            dotsPerInch: dotsPerInch, pageWidth: px(page.width), pageHeight: px(page.height), columns: columns, rows: rows,
            labelWidth: labelWidth, labelHeight: labelHeight, leftMargin: px(side), topMargin: px(header),
            horizontalPitch: labelWidth, verticalPitch: labelHeight, labelPadding: px(2),
            arrangement: .qrAboveText, drawsCutLines: true,
            typography: LabelTypography(titlePoints: 13, linePoints: 9, codePoints: 11, headerPoints: 10),
            paper: .millimetres(page.width, page.height))
    }
}
