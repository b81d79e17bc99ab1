import InsightSheets

/// The sheet layouts users choose from.
public enum SheetLayoutChoice: String, Sendable, CaseIterable {
    /// A4 at 300 dpi, 3×4 labels with cut lines.
    case a4
    /// US Letter at 300 dpi, 3×4 labels with cut lines.
    case letter
    /// Avery L7163-style label stock: 2×7 labels of 99.1×38.1 mm on A4.
    case labels

    var layout: SheetLayout {
        switch self {
        case .a4: .a4
        case .letter: .letter
        case .labels: .labels
        }
    }
}
