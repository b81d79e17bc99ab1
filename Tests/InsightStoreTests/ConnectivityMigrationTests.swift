import Foundation
import InsightCore
import Logging
@testable import InsightStore
import InsightTestSupport
import SQLKit
import Testing

/// Migration 6 turns the stored connectivity status into the facts it is derived from.
@Suite("Connectivity migration")
struct ConnectivityMigrationTests {
    @Test("gateways provisioned before migration 6 stay provisioned; the others do not", arguments: TestDatabase.allCases)
    func provisionedSurvives(database: TestDatabase) async throws {
        try await withFreshDatabase(database) { location in
            let customer = Customer(id: UUID().uuidString.lowercased(), name: "Before", created: Timestamp(rawValue: 1_700_000_000_000))
            let statuses = ["NOT_REGISTERED", "REGISTERING", "ACTIVE", "INACTIVE"]
            let gateways = statuses.map { makeGateway($0, in: customer) }
            // The schema as it was before migration 6, with gateways in every stored status.
            let backend = try DatabaseBackend.open(location, logger: Logger(label: "insight.test"))
            do {
                try await backend.withConnection { db in
                    try await db.create(table: "schema_migrations")
                        .column("version", type: .bigint, .primaryKey(autoIncrement: false)).column("applied", type: .bigint, .notNull).run()
                    for migration in Migrations.all where migration.version < 6 {
                        try await migration.apply(db)
                        try await db.insert(into: "schema_migrations").columns("version", "applied").values(SQLBind(migration.version), SQLBind(0)).run()
                    }
                    try await db.insert(into: "customers").columns("id", "name", "created")
                        .values(SQLBind(customer.id), SQLBind(customer.name), SQLBind(customer.created.rawValue)).run()
                    for (gateway, status) in zip(gateways, statuses) {
                        try await db.insert(into: "gateways")
                            .columns("id", "customer_id", "name", "usecase", "station", "kind", "connectivity_status", "created", "last_updated", "version")
                            .values(
                                SQLBind(gateway.thingName), SQLBind(customer.id), SQLBind(gateway.name), SQLBind(gateway.usecase),
                                SQLBind(gateway.station), SQLBind(gateway.kind.rawValue), SQLBind(status), SQLBind(gateway.created.rawValue),
                                SQLBind(gateway.lastUpdated.rawValue), SQLBind(gateway.version)
                            ).run()
                    }
                }
                try await backend.shutdown()
            } catch {
                try? await backend.shutdown()
                throw error
            }

            try await SQLStore.withStore(location) { store in
                let migrated = try await store.gateways(ids: gateways.map(\.id), customerID: customer.id)
                #expect(gateways.map { migrated[$0.id]?.isProvisioned } == [false, true, true, true])
                #expect(migrated.values.allSatisfy { $0.lastMessageAt == nil })
                let now = Timestamp(Date())
                #expect(gateways.map { migrated[$0.id]?.connectivityStatus(at: now) } == [.notRegistered, .registering, .registering, .registering],
                        "no message is known yet: provisioned gateways wait for their first")
            }
        }
    }
}
