import Foundation
import InsightCore
import InsightStore
import InsightTestSupport
import Testing

/// The export queue: each task is made exactly once, however many server processes share the
/// database, also when a worker stalls.
@Suite("Export tasks in the store")
struct ExportStoreTests {
    static func task(_ customer: Customer, requested: Int64) -> EventExport {
        EventExport(
            id: UUID(), customerID: customer.id, range: EventQuery(start: Timestamp(rawValue: 0), end: Timestamp(rawValue: 1)),
            requested: Timestamp(rawValue: requested), isTask: true, status: .pending
        )
    }

    @Test("each waiting task is claimed by exactly one of several stores claiming at once, oldest first", arguments: TestDatabase.allCases)
    func concurrentClaims(database: TestDatabase) async throws {
        try await withFreshDatabase(database) { location in
            let stores = try await withThrowingTaskGroup(of: SQLStore.self) { group in
                for _ in 0..<4 { group.addTask { try await SQLStore.open(location) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            do {
                let customer = Customer(id: UUID().uuidString.lowercased(), name: "C", created: Timestamp(rawValue: 1))
                try await stores[0].insert(customer)
                let tasks = (0..<12).map { Self.task(customer, requested: 1_000 + Int64($0)) }
                for task in tasks { try await stores[0].insert(task, claim: nil, leaseUntil: nil) }
                let now = Timestamp(rawValue: 2_000)
                let claimed = try await withThrowingTaskGroup(of: [UUID].self) { group in
                    for store in stores {
                        group.addTask {
                            var mine: [UUID] = []
                            while let (export, claim) = try await store.claimNextTask(now: now, leaseUntil: Timestamp(rawValue: 60_000)) {
                                #expect(export.status == .running && claim.exportID == export.id)
                                mine.append(export.id)
                            }
                            return mine
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let all = claimed.flatMap { $0 }
                #expect(all.count == tasks.count)
                #expect(Set(all) == Set(tasks.map(\.id)))
                // Each store takes the oldest waiting task, so each one's claims are in request order.
                let order = Dictionary(uniqueKeysWithValues: tasks.enumerated().map { ($1.id, $0) })
                #expect(claimed.allSatisfy { mine in mine.map { order[$0]! } == mine.map { order[$0]! }.sorted() })
            } catch {
                for store in stores { try? await store.shutdown() }
                throw error
            }
            for store in stores { try await store.shutdown() }
        }
    }

    @Test("a stalled worker's task is taken over once its lease ran out; its late writes are refused", arguments: TestDatabase.allCases)
    func leaseTakeover(database: TestDatabase) async throws {
        // A database of its own: the export queue is shared by every customer, and the API tests
        // leave tasks waiting in the shared one.
        try await withFreshDatabase(database) { location in
            try await SQLStore.withStore(location) { store in
                let customer = Customer(id: UUID().uuidString.lowercased(), name: "C", created: Timestamp(rawValue: 1))
                try await store.insert(customer)
                let task = Self.task(customer, requested: 1_000)
                try await store.insert(task, claim: nil, leaseUntil: nil)
                let (_, first) = try #require(try await store.claimNextTask(now: Timestamp(rawValue: 2_000), leaseUntil: Timestamp(rawValue: 3_000)))
                try await store.appendPart(Data("stale".utf8), sequence: 0, claim: first, leaseUntil: Timestamp(rawValue: 3_000))
                #expect(try await store.claimNextTask(now: Timestamp(rawValue: 2_500), leaseUntil: Timestamp(rawValue: 9_000)) == nil)

                let (taken, second) = try #require(try await store.claimNextTask(now: Timestamp(rawValue: 3_500), leaseUntil: Timestamp(rawValue: 9_000)))
                #expect(taken.id == task.id && second != first)
                #expect(try await store.part(exportID: task.id, sequence: 0) == nil)
                await #expect(throws: InsightError.self) {
                    try await store.appendPart(Data("late".utf8), sequence: 0, claim: first, leaseUntil: Timestamp(rawValue: 9_000))
                }
                try await store.appendPart(Data("fresh".utf8), sequence: 0, claim: second, leaseUntil: Timestamp(rawValue: 9_000))
                var done = taken
                done.status = .successful
                done.completed = Timestamp(rawValue: 4_000)
                done.byteCount = 5
                await #expect(throws: InsightError.self) { try await store.complete(done, claim: first) }
                try await store.complete(done, claim: second)

                #expect(try await store.export(id: task.id) == done)
                #expect(try await store.part(exportID: task.id, sequence: 0) == Data("fresh".utf8))
                #expect(try await store.claimNextTask(now: Timestamp(rawValue: 99_000), leaseUntil: Timestamp(rawValue: 999_000)) == nil)
                #expect(try await store.deleteExports(completedBefore: Timestamp(rawValue: 4_000)) == 0)
                #expect(try await store.deleteExports(completedBefore: Timestamp(rawValue: 4_001)) == 1)
                #expect(try await store.export(id: task.id) == nil)
                #expect(try await store.part(exportID: task.id, sequence: 0) == nil)
            }
        }
    }
}
