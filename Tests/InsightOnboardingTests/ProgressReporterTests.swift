import Foundation
@testable import InsightOnboarding
import Testing

/// Collects what a `ProgressReporter` writes.
private final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var pieces: [String] = []
    var text: String { lock.withLock { pieces.joined() } }
    func append(_ piece: String) { lock.withLock { pieces.append(piece) } }
}

@Suite struct ProgressReporterTests {
    /// What the console streams: every stage with its counts, finished ones with their summary;
    /// a retry starts over and says why.
    @Test func snapshotListsFinishedAndRunningStages() {
        let progress = ProgressReporter(interactive: false, quiet: true)
        let create = progress.begin("create", total: 2)
        create.advance(by: 2)
        create.finish("2 created")
        let package = progress.begin("package", total: 5)
        package.advance(by: 3)
        let snapshot = progress.snapshot
        #expect(snapshot.stages.map(\.name) == ["create", "package"])
        #expect(snapshot.stages.map(\.done) == [2, 3] && snapshot.stages.map(\.total) == [2, 5])
        #expect(snapshot.stages.map(\.summary) == ["2 created", nil])
        #expect(snapshot.interruption == nil)

        progress.interrupt("retrying in 1 s: the server could not be reached")
        #expect(progress.snapshot.stages.isEmpty)
        #expect(progress.snapshot.interruption == "retrying in 1 s: the server could not be reached")
    }

    @Test func plainOutputIsALineWhenAStageStartsAndOneWhenItEnds() {
        let transcript = Transcript()
        let progress = ProgressReporter(interactive: false, output: transcript.append)
        let stage = progress.begin("package", total: 3)
        stage.advance(by: 3)
        stage.finish("3 packaged")
        let lines = transcript.text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "package: 3 to do")
        #expect(lines.last?.hasPrefix("package: 3 packaged (") == true)
    }

    /// The sheets print while the last packages download: one line shows both bars.
    @Test func overlappingStagesShareTheBarLine() {
        let transcript = Transcript()
        let progress = ProgressReporter(interactive: true, output: transcript.append)
        let package = progress.begin("package", total: 2)
        let sheets = progress.begin("sheets", total: 4)
        sheets.advance(by: 4)
        let bothBars = transcript.text
        #expect(bothBars.contains("package ░"), "\(bothBars)")
        #expect(bothBars.contains("0/2"))
        #expect(bothBars.contains("sheets ████"))
        #expect(bothBars.contains("4/4"))
        #expect(bothBars.contains("ETA"))

        sheets.finish("1 pages for 1 stations")
        let summary = transcript.text.components(separatedBy: "\r\u{1B}[2K").last ?? ""
        #expect(summary.hasPrefix("sheets: 1 pages for 1 stations (") && summary.hasSuffix("s)\n"), "\(summary)")
        package.advance(by: 2)
        let last = transcript.text.components(separatedBy: "\n").last ?? ""
        #expect(last.contains("package ████") && last.contains("2/2"), "\(last)")
        #expect(!last.contains("sheets"), "a finished stage leaves the bar line")
    }

    @Test func quietRecordsDurationsInTheOrderStagesFinish() {
        let transcript = Transcript()
        let progress = ProgressReporter(quiet: true, output: transcript.append)
        let package = progress.begin("package", total: 1)
        let sheets = progress.begin("sheets", total: 1)
        sheets.finish("done")
        package.finish("done")
        #expect(progress.stageDurations.map(\.stage) == ["sheets", "package"])
        #expect(transcript.text.isEmpty)
    }
}
