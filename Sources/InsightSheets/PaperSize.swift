/// The size of a printed page in points (1/72 inch), as a PDF states it.
public struct PaperSize: Sendable, Hashable {
    /// Width in points.
    public var widthPoints: Double
    /// Height in points.
    public var heightPoints: Double

    /// A page of `widthPoints × heightPoints`.
    public init(widthPoints: Double, heightPoints: Double) {
        self.widthPoints = widthPoints
        self.heightPoints = heightPoints
    }

    /// A page of `width × height` millimetres.
    public static func millimetres(_ width: Double, _ height: Double) -> PaperSize {
        PaperSize(widthPoints: width / PrintUnits.millimetresPerInch * PrintUnits.pointsPerInch,
                  heightPoints: height / PrintUnits.millimetresPerInch * PrintUnits.pointsPerInch)
    }

    /// A page of `width × height` inches.
    public static func inches(_ width: Double, _ height: Double) -> PaperSize {
        PaperSize(widthPoints: width * PrintUnits.pointsPerInch, heightPoints: height * PrintUnits.pointsPerInch)
    }
}
