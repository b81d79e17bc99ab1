import Foundation

/// A certificate's validity period.
struct Validity {
    let notBefore: Date
    let notAfter: Date

    /// `years` calendar years (UTC, Gregorian) from `notBefore`.
    /// Throws `PKIError.invalidArgument` unless `years` is positive.
    init(from notBefore: Date, years: Int) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard years > 0, let notAfter = calendar.date(byAdding: .year, value: years, to: notBefore) else {
            throw PKIError.invalidArgument(reason: "validity must be a positive number of years, not \(years)")
        }
        self.notBefore = notBefore
        self.notAfter = notAfter
    }
}
