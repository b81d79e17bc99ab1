import Foundation

/// Renderers shared by concurrent tasks, so that the fonts, glyphs and raster page one of them
/// loaded serve the next job too (a new renderer loads them again: about a third of the time of
/// a small station's sheets). Each renderer is lent to one caller at a time; the lock that
/// lends and takes it back orders one caller's use of it before the next's, which is all that
/// Pango and Cairo ask of objects that are not thread-safe.
public final class SheetRendererPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [SheetRenderer] = []

    public init() {}

    /// Runs `body` with a renderer no one else is using: an idle one, or a new one. Throws
    /// what `body` throws, or what `SheetRenderer()` throws.
    public func withRenderer<Result>(_ body: (SheetRenderer) throws -> Result) throws -> Result {
        let renderer = try lock.withLock { idle.popLast() } ?? SheetRenderer()
        defer { lock.withLock { idle.append(renderer) } }
        return try body(renderer)
    }
}
