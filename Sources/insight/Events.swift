import ArgumentParser
import Foundation
import InsightCore

/// `insight events`: event commands.
struct Events: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Event commands.",
        subcommands: [ImportEvents.self]
    )
}

/// `insight events import FILE --customer ID`: stores the events of a JSON-lines file.
struct ImportEvents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store the events of a JSON-lines file (one event per line, shaped as the API's Event).",
        discussion: """
            Each bad line is reported as FILE:LINE: message and the others are stored; an event id \
            stored before is not stored again. Prints a summary; exit status 2 when any line was bad.
            """
    )

    @OptionGroup var state: StateOptions

    @Argument(help: ArgumentHelp("The JSON-lines file.", valueName: "file"))
    var file: String

    @Option(help: "The customer the events belong to.")
    var customer: String

    /// From how many stored events on an import is a bulk load, after which the database's
    /// statistics are brought up to date at once rather than by autovacuum a minute later.
    static let bulkLoad = 100_000

    /// Lines per ingest (one transaction each).
    static let batchSize = 5000

    func run() async throws {
        let state = self.state.resolved()
        guard state.holdsDatabase else { throw CommandFailure("There is no database at \(state.dataDirectory.path): give --data-dir or --database.") }
        var lines: LineReader
        do {
            lines = try LineReader(url: URL(fileURLWithPath: file))
        } catch {
            throw CommandFailure("Cannot read \(file): \(error.localizedDescription)")
        }
        var stored = 0, duplicates = 0, bad = 0
        try await state.withStore { store in
            guard try await store.customer(id: customer) != nil else { throw CommandFailure("There is no customer '\(customer)'.") }
            let ingest = EventIngest(gateways: store, events: store)
            var batch: [Data] = []
            var lineNumbers: [Int] = []
            func storeBatch() async throws {
                let report = try await ingest.ingest(batch, customerID: customer)
                for rejection in report.rejected { printToStandardError("\(file):\(lineNumbers[rejection.index]): \(rejection.message)") }
                stored += report.stored
                duplicates += report.duplicates.count
                bad += report.rejected.count
                batch.removeAll(keepingCapacity: true)
                lineNumbers.removeAll(keepingCapacity: true)
            }
            while let line = try lines.next() {
                guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { continue }
                batch.append(line)
                lineNumbers.append(lines.lineNumber)
                if batch.count == Self.batchSize { try await storeBatch() }
            }
            if !batch.isEmpty { try await storeBatch() }
            if stored >= Self.bulkLoad { try await store.settleEventsAfterBulkLoad() }
        }
        print("\(file): \(counted(stored, "event")) stored, \(counted(duplicates, "duplicate")) not stored again, \(counted(bad, "bad line")).")
        if bad > 0 { throw CommandFailure("\(counted(bad, "line")) of \(file) could not be stored (see above).") }
    }
}
