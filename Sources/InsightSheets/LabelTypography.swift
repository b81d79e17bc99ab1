/// Type sizes of a sheet in typographic points (1/72 inch; 1 pt is 300/72 ≈ 4.17 px at 300 dpi).
public struct LabelTypography: Sendable, Hashable {
    /// The label title (the gateway name), in bold.
    public var titlePoints: Double
    /// The most lines the title wraps onto before it is truncated with "…".
    public var titleMaxLines: Int
    /// The label's further lines and the "Code" caption.
    public var linePoints: Double
    /// The fallback code, in monospaced bold.
    public var codePoints: Double
    /// The page header (bold) and footer (regular).
    public var headerPoints: Double

    /// Type sizes in points; `titleMaxLines` lines of title at most.
    public init(titlePoints: Double, titleMaxLines: Int = 2, linePoints: Double, codePoints: Double, headerPoints: Double) {
        self.titlePoints = titlePoints
        self.titleMaxLines = titleMaxLines
        self.linePoints = linePoints
        self.codePoints = codePoints
        self.headerPoints = headerPoints
    }
}
