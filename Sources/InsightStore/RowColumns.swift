import CLibPQ
import SQLiteKit

/// The columns of one result row, read one after another in the order the query selected them,
/// as plain Swift values (see `DatabaseBackend.read`).
///
/// SQLKit's `Codable` rows look every column up by name and convert it through a generic decoder
/// with dynamic casts: about 30 µs for an event row, more than everything else an export or a
/// page does with it. Read by position, straight from SQLite's values or libpq's text buffers, the
/// whole read of a 500-gateway page, the engine's own work included, takes 1.3–2.4 ms
/// (`insight bench api`).
struct RowColumns {
    private enum Source {
        /// The row's columns on SQLite.
        case sqlite([SQLiteColumn])
        /// Row `row` of a libpq result in text format (valid while the result is).
        case postgres(result: OpaquePointer, row: Int32)
    }

    private let source: Source
    private var position = 0

    init(sqlite row: SQLiteRow) {
        source = .sqlite(row.columns)
    }

    init(postgres result: OpaquePointer, row: Int32) {
        source = .postgres(result: result, row: row)
    }

    mutating func string() throws -> String { try required(optionalString()) }
    mutating func int64() throws -> Int64 { try required(optionalInt64()) }

    mutating func optionalString() throws -> String? {
        try next(String.self, sqlite: { if case .text(let text) = $0 { text } else { nil } }, postgres: { String(decoding: $0, as: UTF8.self) })
    }

    mutating func optionalInt64() throws -> Int64? {
        try next(Int64.self, sqlite: { if case .integer(let number) = $0 { Int64(number) } else { nil } }, postgres: Int64.init(decimalText:))
    }

    /// SQLite may hand a whole-numbered `REAL` back as an integer; both read as `Double`.
    mutating func optionalDouble() throws -> Double? {
        try next(Double.self, sqlite: { data in
            switch data {
            case .float(let number): number
            case .integer(let number): Double(number)
            default: nil
            }
        }, postgres: { Double(String(decoding: $0, as: UTF8.self)) })
    }

    /// The next column's value, `nil` for SQL `NULL`; `sqlite` maps SQLite's stored value and
    /// `postgres` parses PostgreSQL's text (each answers `nil` for a value of another type).
    private mutating func next<Value>(
        _ type: Value.Type, sqlite convert: (SQLiteData) -> Value?, postgres parse: (UnsafeRawBufferPointer) -> Value?
    ) throws -> Value? {
        defer { position += 1 }
        switch source {
        case .sqlite(let columns):
            guard position < columns.count else { throw RowColumnsError.missingColumn(position: position) }
            let column = columns[position]
            if case .null = column.data { return nil }
            guard let value = convert(column.data) else { throw RowColumnsError.typeMismatch(column: column.name, expected: "\(Value.self)") }
            return value
        case .postgres(let result, let row):
            let column = Int32(position)
            guard column < PQnfields(result) else { throw RowColumnsError.missingColumn(position: position) }
            if PQgetisnull(result, row, column) != 0 { return nil }
            let text = UnsafeRawBufferPointer(start: PQgetvalue(result, row, column), count: Int(PQgetlength(result, row, column)))
            guard let value = parse(text) else {
                throw RowColumnsError.typeMismatch(column: PQfname(result, column).map { String(cString: $0) } ?? "#\(position)", expected: "\(Value.self)")
            }
            return value
        }
    }

    private func required<Value>(_ value: Value?) throws -> Value {
        guard let value else { throw RowColumnsError.unexpectedNull(position: position - 1) }
        return value
    }
}

extension Int64 {
    /// The integer PostgreSQL writes as text (an optional `-`, then decimal digits); `nil` for
    /// anything else, or a number out of range.
    init?(decimalText text: UnsafeRawBufferPointer) {
        var digits = text[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowAdd) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflowShift, !overflowAdd else { return nil }
            value = next
        }
        self = value
    }
}

/// A row that does not hold the columns its reader expects: a query and its reader disagree.
enum RowColumnsError: Error, CustomStringConvertible {
    case missingColumn(position: Int)
    case unexpectedNull(position: Int)
    case typeMismatch(column: String, expected: String)

    var description: String {
        switch self {
        case .missingColumn(let position): "The row has no column at position \(position)."
        case .unexpectedNull(let position): "The column at position \(position) is NULL where a value is required."
        case .typeMismatch(let column, let expected): "The column '\(column)' does not hold a \(expected)."
        }
    }
}
