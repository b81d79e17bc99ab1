import InsightCore
import Testing

@Suite("Job analysis")
struct JobAnalyzerTests {
    /// Scans with these codes, one second apart, event ids e0, e1, ...
    static func scans(_ codes: [String]) -> [JobAnalyzer.Scan] {
        codes.enumerated().map { .init(eventID: "e\($0.offset)", time: Timestamp(rawValue: 1_000 * Int64($0.offset)), code: $0.element) }
    }

    static func pairs(_ codes: [String], start: String = "START", end: String = "END") -> [String] {
        JobAnalyzer.jobs(in: scans(codes), startPrefix: start, endPrefix: end).map { "\($0.start.eventID)-\($0.end.eventID)" }
    }

    @Test func aJobRunsFromAStartToTheNextEndByPrefix() {
        #expect(Self.pairs(["START-1", "ITEM", "ITEM", "END-1", "ITEM", "START-2", "END-2"]) == ["e0-e3", "e5-e6"])
    }

    @Test func aSecondStartBeforeAnEndRestartsTheJob() {
        #expect(Self.pairs(["START-1", "ITEM", "START-2", "END"]) == ["e2-e3"])
    }

    @Test func anEndWithoutAStartAndAnOpenJobAtTheEndAreNotReported() {
        #expect(Self.pairs(["END", "ITEM", "START", "END", "END", "START", "ITEM"]) == ["e2-e3"])
    }

    @Test func prefixesMatchTheBeginningOnlyAndCase() {
        #expect(Self.pairs(["xSTART", "start", "START", "xEND", "end", "ENDING"]) == ["e2-e5"])
    }

    @Test func aCodeWithBothPrefixesEndsAnOpenJobAndOtherwiseStartsOne() {
        #expect(Self.pairs(["JOB-A", "JOB-END", "JOB-END", "JOB-END"], start: "JOB", end: "JOB-END") == ["e0-e1", "e2-e3"])
    }

    @Test func prefixesCompareCodePointsWithoutNormalisation() {
        let precomposed = "\u{E9}TAPE", decomposed = "e\u{301}TAPE"
        #expect(Self.pairs([decomposed + "-1", "END", precomposed + "-2", "END"], start: precomposed) == ["e2-e3"])
        #expect(Self.pairs(["\u{1F4E6}-Склад", "Ω-END"], start: "\u{1F4E6}", end: "Ω") == ["e0-e1"])
    }
}
