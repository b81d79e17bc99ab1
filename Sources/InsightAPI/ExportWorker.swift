import InsightCore
import Logging
import ServiceLifecycle

/// The background worker of export tasks: runs beside the HTTP server (one per server process;
/// any number may share a database), claims waiting tasks one at a time and makes them, polls
/// every `pollInterval` while none waits, and deletes expired exports now and then.
public struct ExportWorker: Service {
    let exports: ExportService
    let pollInterval: Duration
    let logger: Logger

    init(exports: ExportService, pollInterval: Duration = .milliseconds(500), logger: Logger = Logger(label: "insight.exports")) {
        self.exports = exports
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Returns when the server shuts down (gracefully or by cancellation).
    public func run() async throws {
        do {
            try await work()
        } catch is CancellationError {
            return
        }
    }

    private func work() async throws {
        try await cancelWhenGracefulShutdown {
            var idleRounds = 0
            while !Task.isCancelled {
                if try await step() {
                    idleRounds = 0
                    continue
                }
                if idleRounds % 7_200 == 0 { await deleteExpired() }
                idleRounds += 1
                try await Task.sleep(for: pollInterval)
            }
        }
    }

    /// Runs one waiting task, if any; whether one ran. Each task made is logged with its id (once
    /// across every process on the database); a failure is logged (a failed task is recorded as
    /// failed) and answered `false`, so that the worker waits a poll interval before it asks
    /// again: a database that is away is not asked in a tight loop.
    func step() async throws -> Bool {
        do {
            guard let made = try await exports.runNextTask() else { return false }
            logger.info("Export task made", metadata: ["task": "\(made.id.lowercasedString)"])
            return true
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.error("An export task failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    private func deleteExpired() async {
        do {
            let deleted = try await exports.deleteExpired()
            if deleted > 0 { logger.info("Deleted expired exports", metadata: ["count": "\(deleted)"]) }
        } catch {
            logger.error("Deleting expired exports failed", metadata: ["error": "\(error)"])
        }
    }
}
