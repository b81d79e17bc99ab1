/// The job analysis of the seed, over one gateway's scans in time order: a job starts at a scan
/// whose code begins with the config's `start_barcode` and ends at the next scan whose code begins
/// with its `end_barcode`.
///
/// - A second start before an end restarts the job (the earlier start is dropped).
/// - While a job is open, a code that begins with both prefixes ends it; while none is open, it
///   starts one.
/// - Scans of other codes between start and end belong to the job and change nothing.
/// - "Begins with" compares code points, without Unicode normalisation (as the database does,
///   which picks the scans out): a decomposed "é" does not begin with a precomposed one.
/// - A job still open after the last scan is not reported: it has not ended in the range.
public struct JobAnalyzer: Sendable {
    /// One scan as the analysis needs it.
    public struct Scan: Sendable, Equatable {
        public let eventID: String
        public let time: Timestamp
        public let code: String

        public init(eventID: String, time: Timestamp, code: String) {
            self.eventID = eventID
            self.time = time
            self.code = code
        }
    }

    /// A job found: the scan that started it and the one that ended it.
    public struct Job: Sendable, Equatable {
        public let start: Scan
        public let end: Scan
    }

    public let startPrefix: String
    public let endPrefix: String
    private var open: Scan?
    public private(set) var jobs: [Job] = []

    public init(startPrefix: String, endPrefix: String) {
        self.startPrefix = startPrefix
        self.endPrefix = endPrefix
    }

    /// Takes the next scan; scans must come in time order (then by event id).
    public mutating func add(_ scan: Scan) {
        if let start = open, Self.code(scan.code, beginsWith: endPrefix) {
            jobs.append(Job(start: start, end: scan))
            open = nil
        } else if Self.code(scan.code, beginsWith: startPrefix) {
            open = scan
        }
    }

    /// Whether `code` begins with `prefix`, code point by code point.
    public static func code(_ code: String, beginsWith prefix: String) -> Bool {
        code.unicodeScalars.starts(with: prefix.unicodeScalars)
    }

    /// The jobs of `scans` (in time order).
    public static func jobs(in scans: some Sequence<Scan>, startPrefix: String, endPrefix: String) -> [Job] {
        var analyzer = JobAnalyzer(startPrefix: startPrefix, endPrefix: endPrefix)
        for scan in scans { analyzer.add(scan) }
        return analyzer.jobs
    }
}
