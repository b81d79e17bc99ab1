/// The header row of an onboarding CSV: which field of a row holds which column.
struct GatewayCSVHeader {
    /// How many fields the header has, and so every row must have.
    let columnCount: Int
    /// The field index of each known column present (the first one, if a name is repeated).
    let fieldIndex: [GatewayCSVColumn: Int]

    /// Reads `record` as the header.
    ///
    /// Appends a problem for each field without a name, with an unknown name or with a repeated name,
    /// and one naming all missing required columns. Returns `nil`, after appending why, only when
    /// the rows cannot be checked at all: the header is blank or separated by semicolons.
    static func read(_ record: CSVRecord, file: String, problems: inout [CSVProblem]) -> GatewayCSVHeader? {
        let names = record.fields.map { $0.value.trimmingHorizontalWhitespace }
        func problem(_ message: String, column: Int? = nil) {
            problems.append(CSVProblem(file: file, line: record.line, column: column, message: message))
        }
        if names.allSatisfy(\.isEmpty) {
            problem("the first line must be the header row naming the columns, e.g. "
                + "\(exampleHeader), but it is empty")
            return nil
        }
        if names.count == 1, names[0].contains(";") {
            problem("the header separates its columns with semicolons (;), but this file must use "
                + "commas (,), e.g. \(exampleHeader)")
            return nil
        }

        var fieldIndex: [GatewayCSVColumn: Int] = [:]
        for (index, (name, field)) in zip(names, record.fields).enumerated() {
            if name.isEmpty {
                problem("this header column has no name; name it or remove the extra comma "
                    + "(allowed columns: \(allowedColumns))", column: field.column)
            } else if let column = GatewayCSVColumn(rawValue: name.lowercased()) {
                if let first = fieldIndex[column] {
                    problem("the column \"\(column.rawValue)\" appears twice in the header (first at column "
                        + "\(record.fields[first].column)); remove one of them", column: field.column)
                } else {
                    fieldIndex[column] = index
                }
            } else {
                let hint = GatewayCSVColumn.suggestion(for: name).map { " (did you mean \"\($0.rawValue)\"?)" } ?? ""
                problem("unknown column \"\(name)\"\(hint); allowed columns: \(allowedColumns)", column: field.column)
            }
        }
        let missing = GatewayCSVColumn.allCases.filter { $0.isRequired && fieldIndex[$0] == nil }
        if !missing.isEmpty {
            let list = missing.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            problem("the header lacks the required column\(missing.count == 1 ? "" : "s") \(list); "
                + "every file needs at least \(exampleHeader)")
        }
        return GatewayCSVHeader(columnCount: record.fields.count, fieldIndex: fieldIndex)
    }

    private static let exampleHeader = GatewayCSVColumn.allCases.filter(\.isRequired).map(\.rawValue)
        .joined(separator: ",")
    private static let allowedColumns = GatewayCSVColumn.allCases.map(\.rawValue).joined(separator: ", ")
}
