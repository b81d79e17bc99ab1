import Foundation
import InsightCore

/// Reports the pipeline's progress: on a terminal a bar with count, rate and ETA redrawn in
/// place; otherwise one plain line per stage. Writes to standard error.
public final class ProgressReporter: @unchecked Sendable {
    private let interactive: Bool
    private let quiet: Bool
    private let lock = NSLock()
    private var durations: [(stage: String, seconds: TimeInterval)] = []
    private var stage = ""
    private var total = 0
    private var done = 0
    private var started = Date()
    private var lastDraw = Date.distantPast

    /// - Parameter quiet: records stage durations without writing anything (for benchmarks).
    public init(interactive: Bool = isatty(STDERR_FILENO) == 1, quiet: Bool = false) {
        self.interactive = interactive && !quiet
        self.quiet = quiet
    }

    /// How long each finished stage took, in order.
    public var stageDurations: [(stage: String, seconds: TimeInterval)] { lock.withLock { durations } }

    /// Starts a stage of `total` items.
    func begin(_ stage: String, total: Int) {
        lock.withLock {
            self.stage = stage
            self.total = total
            done = 0
            started = Date()
            if !interactive, !quiet { write("\(stage): \(total) to do\n") }
        }
    }

    /// Counts `count` more items done.
    func advance(by count: Int = 1) {
        lock.withLock {
            done += count
            guard interactive, Date().timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
            lastDraw = Date()
            let elapsed = max(Date().timeIntervalSince(started), 0.001)
            let rate = Double(done) / elapsed
            let eta = rate > 0 ? Double(total - done) / rate : 0
            let width = 30
            let filled = total == 0 ? width : width * done / max(total, 1)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            write(String(format: "\r%@ %@ %d/%d  %.0f/s  ETA %.0fs   ", stage.padding(toLength: 12, withPad: " ", startingAt: 0), bar, done, total, rate, eta))
        }
    }

    /// Ends the stage with a summary line.
    func finish(_ summary: String) {
        lock.withLock {
            let elapsed = Date().timeIntervalSince(started)
            durations.append((stage, elapsed))
            guard !quiet else { return }
            write((interactive ? "\r\u{1B}[2K" : "") + String(format: "%@: %@ (%.2fs)\n", stage, summary, elapsed))
        }
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
