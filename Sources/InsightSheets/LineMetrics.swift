/// The vertical extent of a line of text in one font at one size, in whole pixels.
public struct LineMetrics: Sendable, Hashable {
    /// Pixels from the top of the line box down to the baseline.
    public let ascent: Int
    /// Pixels from the baseline down to the bottom of the glyphs' extent.
    public let descent: Int
    /// The distance between the baselines of consecutive lines; at least `ascent + descent`.
    public let lineHeight: Int
}
