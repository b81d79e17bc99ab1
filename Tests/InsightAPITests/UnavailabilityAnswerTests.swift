import Foundation
import Hummingbird
import InsightCore
@testable import InsightAPI
import Testing

/// A database that is away for a moment is answered 503 with Retry-After, wherever the handler met it.
@Suite("Unavailability answers") struct UnavailabilityAnswerTests {
    struct DatabaseAway: TemporaryUnavailability {
        var isTemporaryUnavailability: Bool
    }

    @Test("503 with Retry-After and no detail of the database; other failures stay 500")
    func answered() {
        let away = ErrorMiddleware<BasicRequestContext>.insightError(for: DatabaseAway(isTemporaryUnavailability: true))
        #expect(away.kind == .serviceUnavailable)
        let response = ErrorMiddleware<BasicRequestContext>.response(for: away)
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers[.retryAfter] == "2")
        #expect(ErrorMiddleware<BasicRequestContext>.insightError(for: DatabaseAway(isTemporaryUnavailability: false)).kind == .internalError)
    }
}
