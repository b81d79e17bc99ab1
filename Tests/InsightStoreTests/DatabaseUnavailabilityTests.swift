import InsightCore
@testable import InsightStore
import Testing

/// Which database failures are a moment's unavailability (answered 503, retried) and which are not.
@Suite("Database unavailability") struct DatabaseUnavailabilityTests {
    @Test("a lost or refused connection, a shutting-down, starting or crashed server, no free slot: unavailable for a moment")
    func momentary() {
        let unreachable = DatabaseError(sqlState: nil, description: "Cannot reach PostgreSQL", isConnectionFailure: true)
        #expect(unreachable.isTemporaryUnavailability)
        for state in ["08006", "08001", "57P01", "57P02", "57P03", "53300"] {
            #expect(DatabaseError(sqlState: state, description: "x").isTemporaryUnavailability, "\(state)")
        }
    }

    @Test("a constraint, a missing privilege or database, a failure without a connection problem: not")
    func lasting() {
        for state in ["23505", "42501", "3D000", "28P01", "42P01"] {
            #expect(!DatabaseError(sqlState: state, description: "x").isTemporaryUnavailability, "\(state)")
        }
        #expect(!DatabaseError(sqlState: nil, description: "PostgreSQL failed: unexpected").isTemporaryUnavailability)
    }
}
