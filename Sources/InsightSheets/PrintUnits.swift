/// Converts printed lengths to whole device pixels at a resolution.
enum PrintUnits {
    /// Millimetres per inch.
    static let millimetresPerInch = 25.4
    /// Typographic points per inch.
    static let pointsPerInch = 72.0

    /// `millimetres` in pixels at `dotsPerInch`, rounded to the nearest pixel.
    static func pixels(millimetres: Double, dotsPerInch: Int) -> Int {
        Int((millimetres / millimetresPerInch * Double(dotsPerInch)).rounded())
    }

    /// A font size of `points` in pixels (the em size) at `dotsPerInch`, rounded to the nearest pixel.
    static func pixels(points: Double, dotsPerInch: Int) -> Int {
        Int((points / pointsPerInch * Double(dotsPerInch)).rounded())
    }

    /// The fewest whole pixels at `dotsPerInch` that are at least `millimetres` long.
    static func pixelsCovering(millimetres: Double, dotsPerInch: Int) -> Int {
        Int((millimetres / millimetresPerInch * Double(dotsPerInch)).rounded(.up))
    }
}
