import COpenSSL
import Foundation

/// Conversions between `Date` and OpenSSL's `ASN1_TIME`.
enum ASN1Time {
    /// The instant `time` denotes; nil if OpenSSL cannot read it.
    static func date(of time: UnsafePointer<ASN1_TIME>?) -> Date? {
        var fields = tm()
        guard let time, ASN1_TIME_to_tm(time, &fields) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&fields)))
    }

    /// Sets `time` in place to `date`, truncated to whole seconds.
    /// Throws `PKIError.openSSL` naming `field` if OpenSSL rejects it.
    static func set(_ time: UnsafeMutablePointer<ASN1_TIME>?, to date: Date, field: String) throws {
        guard ASN1_TIME_set(time, time_t(date.timeIntervalSince1970.rounded(.down))) != nil else {
            throw PKIError.openSSL("set \(field)")
        }
    }

    /// Runs `body` with a temporary `ASN1_TIME` holding `date`, freed afterwards.
    /// Throws `PKIError.openSSL` naming `field` if it cannot be made.
    static func withTime<T>(_ date: Date, field: String, _ body: (UnsafeMutablePointer<ASN1_TIME>) throws -> T) throws -> T {
        guard let time = ASN1_TIME_new() else { throw PKIError.openSSL("allocate \(field)") }
        defer { ASN1_TIME_free(time) }
        try set(time, to: date, field: field)
        return try body(time)
    }
}
