/// What is printed above the labels of one page, and optionally below them.
public struct SheetHeader: Sendable, Hashable {
    /// The batch the sheet belongs to, such as "2026-11-27".
    public var batchName: String
    /// The station the labels are for, such as "Picking-A".
    public var station: String
    /// The page's number, from 1.
    public var pageNumber: Int
    /// How many pages the sheet has.
    public var pageCount: Int
    /// Text printed below the labels, such as handling instructions; nil prints none.
    public var footer: String?

    /// The header of page `pageNumber` (from 1) of `pageCount`, for `batchName` at `station`,
    /// with an optional `footer`.
    public init(batchName: String, station: String, pageNumber: Int, pageCount: Int, footer: String? = nil) {
        self.batchName = batchName
        self.station = station
        self.pageNumber = pageNumber
        self.pageCount = pageCount
        self.footer = footer
    }

    /// The header's left part: "Batch 2026-11-27 · Station Picking-A".
    public var title: String { "Batch \(batchName) · Station \(station)" }
    /// The header's right part: "page 1/2".
    public var pageText: String { "page \(pageNumber)/\(pageCount)" }
}
