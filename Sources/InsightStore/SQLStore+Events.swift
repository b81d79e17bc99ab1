import Foundation
import InsightCore
import SQLKit

extension SQLStore {
    /// Rows per INSERT statement: 500 × 16 values stays far below SQLite's 32766 and
    /// PostgreSQL's 65535 bound parameters.
    static let eventRowsPerStatement = 500

    public func insertEvents(_ events: [Event], at now: Timestamp) async throws -> Set<UUID> {
        guard let customerID = events.first?.customerID else { return [] }
        precondition(events.allSatisfy { $0.customerID == customerID }, "one insert, one customer")
        // Rows are written in key order (events by id, devices by id, gateways by id), so that
        // concurrent batches that share keys wait for each other instead of deadlocking.
        let ordered = events.map { (key: $0.id.lowercasedString, event: $0) }.sorted { $0.key < $1.key }.map(\.event)
        return try await inTransaction { db in
            var stored: Set<UUID> = []
            for start in stride(from: 0, to: ordered.count, by: Self.eventRowsPerStatement) {
                let chunk = ordered[start..<min(start + Self.eventRowsPerStatement, ordered.count)]
                let ids = try await db.insert(into: "events").models(chunk.map(EventRow.init), nilEncodingStrategy: .asNil)
                    .ignoringConflicts(with: ["customer_id", "id"])
                    .returning("id")
                    .all(decodingColumn: "id", as: String.self)
                stored.formUnion(ids.compactMap({ UUID(text: $0) }))
            }
            let new = ordered.filter { stored.contains($0.id) }
            try await Self.updateDevices(with: new, customerID: customerID, in: db)
            try await Self.updateLastMessages(with: new, customerID: customerID, now: now, in: db)
            return stored
        }
    }

    /// Adds the devices of `events` and brings each to its newest event, unless a newer one is stored.
    private static func updateDevices(with events: [Event], customerID: String, in db: any SQLDatabase) async throws {
        let byDevice = Dictionary(grouping: events.filter { $0.deviceID != nil }, by: { $0.deviceID ?? "" })
        guard !byDevice.isEmpty else { return }
        let rows = byDevice.sorted { $0.key < $1.key }.map { DeviceRow(customerID: customerID, deviceID: $0.key, events: $0.value) }
        for start in stride(from: 0, to: rows.count, by: eventRowsPerStatement) {
            try await db.insert(into: "devices").models(Array(rows[start..<min(start + eventRowsPerStatement, rows.count)]), nilEncodingStrategy: .asNil)
                .onConflict(with: ["customer_id", "id"]) { update in
                    update
                        .set("battery", to: newerOrKept("COALESCE(excluded.battery, devices.battery)", else: "devices.battery"))
                        .set("firmware", to: newerOrKept("COALESCE(excluded.firmware, devices.firmware)", else: "devices.firmware"))
                        .set("last_activity_time", to: newerOrKept("excluded.last_activity_time", else: "devices.last_activity_time"))
                }
                .run()
        }
    }

    /// `newer` when the incoming row's newest event is newer than the stored device's, else `kept`.
    private static func newerOrKept(_ newer: String, else kept: String) -> SQLRaw {
        SQLRaw("CASE WHEN excluded.last_activity_time > devices.last_activity_time THEN \(newer) ELSE \(kept) END")
    }

    /// Moves each gateway's `last_message_at` forward to its newest event's time (at most `now`),
    /// in one statement for up to 1,000 gateways: a batch from many gateways (an MQTT batch has
    /// one scan of each) would otherwise cost a statement per gateway.
    private static func updateLastMessages(with events: [Event], customerID: String, now: Timestamp, in db: any SQLDatabase) async throws {
        var newest: [UUID: Timestamp] = [:]
        for event in events { newest[event.gatewayID] = max(newest[event.gatewayID] ?? event.created, event.created) }
        let rows = newest.map { (id: $0.key.lowercasedString, last: min($0.value, now).rawValue) }.sorted { $0.id < $1.id }
        for start in stride(from: 0, to: rows.count, by: 1000) {
            var latest = SQLQueryString("")
            for (index, row) in rows[start..<min(start + 1000, rows.count)].enumerated() {
                latest.appendLiteral(index == 0 ? "SELECT " : " UNION ALL SELECT ")
                latest.appendInterpolation(bind: row.id)
                latest.appendLiteral(index == 0 ? " AS id, CAST(" : ", CAST(")
                latest.appendInterpolation(bind: row.last)
                latest.appendLiteral(index == 0 ? " AS BIGINT) AS t" : " AS BIGINT)")
            }
            try await db.raw("""
                UPDATE gateways SET last_message_at = latest.t FROM (\(latest)) AS latest
                WHERE gateways.customer_id = \(bind: customerID) AND gateways.id = latest.id
                AND (gateways.last_message_at IS NULL OR gateways.last_message_at < latest.t)
                """).run()
        }
    }

    public func events(customerID: String, query: EventQuery, after cursor: PageCursor?, limit: Int) async throws -> Page<Event> {
        let events = try await backend.read({ db in
            var select = db.select().columns(EventRow.selectedColumns).from("events").where("customer_id", .equal, customerID)
            if let gatewayID = query.gatewayID { select = select.where("gateway_id", .equal, gatewayID.lowercasedString) }
            return select.where("created", .lessThanOrEqual, query.end.rawValue)
                .keysetPage(from: query.start, after: cursor, limit: limit)
                .query
        }, row: EventRow.event(reading:))
        return Page(rows: events, limit: limit) { $0.cursor }
    }

    public func scans(
        customerID: String, gatewayID: UUID, in range: ClosedRange<Timestamp>, codePrefixes: [String],
        after cursor: PageCursor?, limit: Int
    ) async throws -> Page<JobAnalyzer.Scan> {
        guard !codePrefixes.isEmpty else { return Page(items: [], next: nil) }
        let scans = try await backend.read({ db in
            db.select().column("id").column("created").column("scan_code").from("events")
                .where("customer_id", .equal, customerID).where("gateway_id", .equal, gatewayID.lowercasedString)
                .where("created", .lessThanOrEqual, range.upperBound.rawValue)
                .where("type", .equal, Event.Kind.scan.rawValue)
                .where { group in
                    // substr counts code points in both engines; the length is a literal, since
                    // PostgreSQL's substr takes no bigint.
                    codePrefixes.reduce(group) { group, prefix in
                        group.orWhere(
                            SQLFunction("substr", args: SQLIdentifier("scan_code"), SQLLiteral.numeric("1"), SQLLiteral.numeric("\(prefix.unicodeScalars.count)")),
                            .equal, SQLBind(prefix)
                        )
                    }
                }
                .keysetPage(from: range.lowerBound, after: cursor, limit: limit)
                .query
        }, row: { row in
            JobAnalyzer.Scan(eventID: try row.string(), time: Timestamp(rawValue: try row.int64()), code: try row.string())
        })
        return Page(rows: scans, limit: limit) { PageCursor(created: $0.time, id: $0.eventID) }
    }
}
