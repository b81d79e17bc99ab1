import PostgresKit
import SQLiteKit

/// The columns of one result row, read one after another in the order the query selected them,
/// as plain Swift values (see `DatabaseBackend.read`).
///
/// SQLKit's `Codable` rows look every column up by name and convert it through a generic decoder
/// with dynamic casts: about 30 µs for an event row, more than everything else an export or a
/// page does with it. Read by position with the engines' own conversions, the whole read of a
/// 500-gateway page, SQLite's own work included, takes 1.3–2.4 ms (`insight bench api`).
struct RowColumns {
    /// The row's columns on SQLite; `nil` on PostgreSQL.
    private let sqlite: [SQLiteColumn]?
    /// The row's cells on PostgreSQL, taken one by one (no array of cells, no copy of each).
    private var postgres: PostgresRow.Iterator?
    private var position = 0

    init(sqlite row: SQLiteRow) {
        sqlite = row.columns
        postgres = nil
    }

    init(postgres row: PostgresRow) {
        sqlite = nil
        postgres = row.makeIterator()
    }

    mutating func string() throws -> String { try required(optionalString()) }
    mutating func int64() throws -> Int64 { try required(optionalInt64()) }

    mutating func optionalString() throws -> String? {
        try next(String.self) { if case .text(let text) = $0 { text } else { nil } }
    }

    mutating func optionalInt64() throws -> Int64? {
        try next(Int64.self) { if case .integer(let number) = $0 { Int64(number) } else { nil } }
    }

    /// SQLite may hand a whole-numbered `REAL` back as an integer; both read as `Double`.
    mutating func optionalDouble() throws -> Double? {
        try next(Double.self) { data in
            switch data {
            case .float(let number): number
            case .integer(let number): Double(number)
            default: nil
            }
        }
    }

    /// The next column's value, `nil` for SQL `NULL`; on SQLite `convert` maps the stored value
    /// (`nil` when it has another type), on PostgreSQL the driver decodes it.
    private mutating func next<Value: PostgresDecodable>(_ type: Value.Type, sqlite convert: (SQLiteData) -> Value?) throws -> Value? {
        defer { position += 1 }
        if let columns = sqlite {
            guard position < columns.count else { throw RowColumnsError.missingColumn(position: position) }
            let column = columns[position]
            if case .null = column.data { return nil }
            guard let value = convert(column.data) else { throw RowColumnsError.typeMismatch(column: column.name, expected: "\(Value.self)") }
            return value
        }
        guard let cell = postgres?.next() else { throw RowColumnsError.missingColumn(position: position) }
        return cell.bytes == nil ? nil : try cell.decode(Value.self)
    }

    private func required<Value>(_ value: Value?) throws -> Value {
        guard let value else { throw RowColumnsError.unexpectedNull(position: position - 1) }
        return value
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
