import InsightCore

/// Turns the records after the header into ``GatewayRow``s, one at a time, remembering the names
/// seen so far to find duplicates.
struct GatewayRowValidator {
    let file: String
    let maxValueLength: Int
    private let columnCount: Int
    /// The known columns present and their field index, in ``GatewayCSVColumn`` order.
    private let fieldIndices: [(column: GatewayCSVColumn, index: Int)]
    private var firstLineOfName: [String: Int] = [:]

    init(header: GatewayCSVHeader, file: String, maxValueLength: Int) {
        self.file = file
        self.maxValueLength = maxValueLength
        columnCount = header.columnCount
        fieldIndices = GatewayCSVColumn.allCases.compactMap { column in
            header.fieldIndex[column].map { (column, $0) }
        }
    }

    /// One field's value, cleaned as described in ``GatewayCSV``.
    private struct Cell {
        let field: CSVField
        let column: GatewayCSVColumn
        /// Trimmed (verbatim for a quoted ``GatewayCSVColumn/keepsQuotedWhitespace`` column), or
        /// `nil` when empty or only whitespace.
        let value: String?

        init(field: CSVField, column: GatewayCSVColumn) {
            self.field = field
            self.column = column
            let trimmed = field.value.trimmingHorizontalWhitespace
            if trimmed.isEmpty {
                value = nil
            } else {
                value = column.keepsQuotedWhitespace && field.isQuoted ? field.value : trimmed
            }
        }
    }

    /// The cells of one row, by column; a linear lookup, cheaper than hashing for six columns.
    private struct Cells {
        let all: [Cell]

        subscript(column: GatewayCSVColumn) -> Cell? {
            all.first { $0.column == column }
        }
    }

    /// Checks `record`, appending every problem found; returns the row only when it has none.
    mutating func validate(_ record: CSVRecord, problems: inout [CSVProblem]) -> GatewayRow? {
        guard record.fields.count == columnCount else {
            problems.append(CSVProblem(file: file, line: record.line, message: fieldCountMessage(record.fields.count)))
            return nil
        }
        let problemCountBefore = problems.count
        let cells = Cells(all: fieldIndices.map { Cell(field: record.fields[$0.index], column: $0.column) })
        for cell in cells.all {
            checkText(of: cell, problems: &problems)
        }
        if let nameCell = cells[.name], let name = nameCell.value {
            checkUniqueness(of: name, at: nameCell, problems: &problems)
        }
        let wifi = wifiOverride(from: cells, problems: &problems)
        guard problems.count == problemCountBefore,
              let name = cells[.name]?.value, let usecase = cells[.usecase]?.value, let station = cells[.station]?.value
        else { return nil }
        return GatewayRow(line: record.line, name: name, usecase: usecase, station: station, wifi: wifi)
    }

    private func fieldCountMessage(_ found: Int) -> String {
        let counts = "this row has \(found) value\(found == 1 ? "" : "s") but the header has \(columnCount) columns"
        return found > columnCount
            ? counts + "; a value that contains a comma must be written in quotes"
            : counts + "; add the missing values (an empty value still needs its comma)"
    }

    /// Required values present, no control characters, not too long.
    private func checkText(of cell: Cell, problems: inout [CSVProblem]) {
        let name = cell.column.rawValue
        guard let text = cell.value else {
            if cell.column.isRequired {
                report("\(name) is empty; every row needs a name, a usecase and a station", at: cell, in: &problems)
            }
            return
        }
        // The API's free-text rule (InsightCore's TextFieldRule), reported here with line and column.
        var controls: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars where scalar.isForbiddenInText && !controls.contains(scalar) {
            controls.append(scalar)
        }
        if !controls.isEmpty {
            let list = controls.map(\.codePointDescription).joined(separator: ", ")
            let phrase = controls.count == 1
                ? "the control character \(list), which is not allowed; remove it"
                : "the control characters \(list), which are not allowed; remove them"
            report("\(name) contains \(phrase)", at: cell, in: &problems)
        }
        // A string has at most as many code points as UTF-8 bytes, so short ones need no counting.
        if text.utf8.count > maxValueLength {
            let length = text.unicodeScalars.count
            if length > maxValueLength {
                report("\(name) is \(length) characters long; at most \(maxValueLength) are allowed",
                       at: cell, in: &problems)
            }
        }
    }

    private mutating func checkUniqueness(of name: String, at cell: Cell, problems: inout [CSVProblem]) {
        if let firstLine = firstLineOfName[name] {
            report("the gateway name \"\(name)\" is already used on line \(firstLine); every gateway needs "
                + "its own name", at: cell, in: &problems)
        } else {
            firstLineOfName[name] = cell.field.line
        }
    }

    /// The row's WiFi settings when it has a `wifi_ssid`, after checking that the three WiFi values
    /// fit together.
    private func wifiOverride(from cells: Cells, problems: inout [CSVProblem]) -> WiFiOverride? {
        let ssidCell = cells[.wifiSSID], passwordCell = cells[.wifiPassword], typeCell = cells[.wifiAuthenticationType]
        let ssid = ssidCell?.value, password = passwordCell?.value, typeText = typeCell?.value
        var type: WiFiAuthenticationType?
        if let typeText, let typeCell {
            type = WiFiAuthenticationType(parsing: typeText)
            if type == nil {
                let allowed = WiFiAuthenticationType.allCases.map(\.rawValue).joined(separator: ", ")
                report("wifi_authentication_type \"\(typeText)\" is not supported; use one of \(allowed)",
                       at: typeCell, in: &problems)
            }
        }
        guard let ssid, let ssidCell else {
            let given = [passwordCell, typeCell].compactMap { $0 }.filter { $0.value != nil }
            if let firstGiven = given.first {
                let names = given.map(\.column.rawValue).joined(separator: " and ")
                report("\(names) \(given.count == 1 ? "is" : "are") set but wifi_ssid is empty; a row that "
                    + "overrides the WiFi settings must give wifi_ssid", at: ssidCell ?? firstGiven, in: &problems)
            }
            return nil
        }
        // An unsupported type is reported above; the password may be right once the type is fixed.
        let typeIsUnsupported = typeText != nil && type == nil
        if password == nil, type != .nopass, !typeIsUnsupported {
            report("wifi_ssid is set but wifi_password is empty; give the password, or set "
                + "wifi_authentication_type to nopass for an open network", at: passwordCell ?? ssidCell, in: &problems)
        }
        if let passwordCell, password != nil, type == .nopass {
            report("wifi_password is set but wifi_authentication_type is nopass, an open network without "
                + "password; remove one of them", at: passwordCell, in: &problems)
        }
        return WiFiOverride(ssid: ssid, password: password, authenticationType: type)
    }

    private func report(_ message: String, at cell: Cell, in problems: inout [CSVProblem]) {
        problems.append(CSVProblem(file: file, line: cell.field.line, column: cell.field.column, message: message))
    }
}
