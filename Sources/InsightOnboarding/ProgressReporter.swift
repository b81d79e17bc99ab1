import Foundation
import InsightCore

/// Reports the pipeline's progress: on a terminal one line, redrawn in place, with a bar, count,
/// rate and ETA for every running stage; otherwise one plain line when a stage starts and one
/// when it ends. Stages may overlap (the sheets print while the last packages download).
/// Writes to standard error unless given another output.
public final class ProgressReporter: @unchecked Sendable {
    /// One stage's counter, from `begin` to `finish`.
    public final class Stage: @unchecked Sendable {
        fileprivate let name: String
        fileprivate let total: Int
        fileprivate let started = Date()
        fileprivate var done = 0
        private let reporter: ProgressReporter

        fileprivate init(name: String, total: Int, reporter: ProgressReporter) {
            self.name = name
            self.total = total
            self.reporter = reporter
        }

        /// Counts `count` more items done.
        func advance(by count: Int = 1) { reporter.advance(self, by: count) }

        /// Ends the stage with a summary line.
        func finish(_ summary: String) { reporter.finish(self, summary: summary) }
    }

    private let interactive: Bool
    private let quiet: Bool
    private let output: @Sendable (String) -> Void
    private let lock = NSLock()
    private var durations: [(stage: String, seconds: TimeInterval)] = []
    private var running: [Stage] = []
    private var finished: [StageProgress] = []
    private var lastInterruption: String?
    private var lastDraw = Date.distantPast

    /// - Parameters:
    ///   - interactive: draws the bar (by default when standard error is a terminal).
    ///   - quiet: records stage durations without writing anything (for benchmarks).
    ///   - output: where the text goes; standard error by default.
    public init(
        interactive: Bool = isatty(STDERR_FILENO) == 1, quiet: Bool = false,
        output: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.interactive = interactive && !quiet
        self.quiet = quiet
        self.output = output
    }

    /// How long each finished stage took, in the order they finished.
    public var stageDurations: [(stage: String, seconds: TimeInterval)] { lock.withLock { durations } }

    /// Every stage begun so far, finished ones first, for a display of its own (the console's);
    /// and what the latest `interrupt` said, if anything.
    public var snapshot: (stages: [StageProgress], interruption: String?) {
        lock.withLock {
            let now = Date()
            return (finished + running.map { StageProgress(name: $0.name, done: $0.done, total: $0.total, seconds: now.timeIntervalSince($0.started), summary: nil) },
                    lastInterruption)
        }
    }

    /// Starts a stage of `total` items.
    func begin(_ name: String, total: Int) -> Stage {
        let stage = Stage(name: name, total: total, reporter: self)
        lock.withLock {
            running.append(stage)
            if !interactive, !quiet { output("\(name): \(total) to do\n") }
        }
        return stage
    }

    /// Drops every running stage unfinished and says `text` on a line of its own (a batch that is
    /// run again after a transient failure).
    func interrupt(_ text: String) {
        lock.withLock {
            running.removeAll()
            finished.removeAll()
            lastInterruption = text
            guard !quiet else { return }
            output((interactive ? "\r\u{1B}[2K" : "") + text + "\n")
        }
    }

    private func advance(_ stage: Stage, by count: Int) {
        lock.withLock {
            stage.done += count
            guard interactive, Date().timeIntervalSince(lastDraw) > 0.1 || stage.done == stage.total else { return }
            lastDraw = Date()
            output("\r" + running.map(Self.bar).joined(separator: "  ·  ") + "   ")
        }
    }

    private func finish(_ stage: Stage, summary: String) {
        lock.withLock {
            let elapsed = Date().timeIntervalSince(stage.started)
            durations.append((stage.name, elapsed))
            finished.append(StageProgress(name: stage.name, done: stage.done, total: stage.total, seconds: elapsed, summary: summary))
            running.removeAll { $0 === stage }
            guard !quiet else { return }
            output((interactive ? "\r\u{1B}[2K" : "") + String(format: "%@: %@ (%.2fs)\n", stage.name, summary, elapsed))
        }
    }

    /// "package ████████░░░░ 150/200  312/s  ETA 0s"
    private static func bar(_ stage: Stage) -> String {
        let elapsed = max(Date().timeIntervalSince(stage.started), 0.001)
        let rate = Double(stage.done) / elapsed
        let eta = rate > 0 ? Double(stage.total - stage.done) / rate : 0
        let width = 24
        let filled = stage.total == 0 ? width : width * min(stage.done, stage.total) / stage.total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return String(format: "%@ %@ %d/%d  %.0f/s  ETA %.0fs", stage.name, bar, stage.done, stage.total, rate, eta)
    }
}

/// One stage of the pipeline at a moment: how far it is, and its summary once finished.
public struct StageProgress: Sendable, Codable, Equatable {
    public let name: String
    public let done: Int
    public let total: Int
    /// Seconds since the stage began (its whole duration once finished).
    public let seconds: Double
    /// The closing summary; nil while the stage runs.
    public let summary: String?
}
