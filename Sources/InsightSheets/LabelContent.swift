/// What one label shows: a QR code and the text a person reads next to it.
public struct LabelContent: Sendable, Hashable {
    /// The text the QR code encodes (UTF-8, error correction M), such as a provisioning URL.
    public var qrPayload: String
    /// The gateway's name: large and bold, wrapped onto at most the layout's title lines and
    /// then truncated with "…".
    public var title: String
    /// Further lines such as "Station: Picking-A" or "Token expires: 2026-12-27", one line each,
    /// truncated with "…" when too long.
    public var lines: [String]
    /// A short code a person can type when the QR code cannot be scanned, shown in a monospaced
    /// font after the caption "Code"; nil shows no code line.
    public var fallbackCode: String?

    /// A label showing `qrPayload` as a QR code, with `title`, `lines` and `fallbackCode`.
    public init(qrPayload: String, title: String, lines: [String] = [], fallbackCode: String? = nil) {
        self.qrPayload = qrPayload
        self.title = title
        self.lines = lines
        self.fallbackCode = fallbackCode
    }
}
