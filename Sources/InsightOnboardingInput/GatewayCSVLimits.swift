extension GatewayCSV {
    /// Bounds that keep a mistaken input (a wrong file, a runaway export) from exhausting memory or
    /// producing a batch nobody meant to create.
    public struct Limits: Equatable, Sendable {
        /// The largest accepted file, in bytes. Default 50 MB (50,000,000 bytes).
        public var maxFileSize: Int
        /// The most gateway rows in one file, header and blank rows not counted. Default 100,000.
        public var maxRows: Int
        /// The longest accepted value, in characters (grapheme clusters), after trimming. Default 256.
        public var maxValueLength: Int

        public init(maxFileSize: Int = 50_000_000, maxRows: Int = 100_000, maxValueLength: Int = 256) {
            self.maxFileSize = maxFileSize
            self.maxRows = maxRows
            self.maxValueLength = maxValueLength
        }
    }
}
