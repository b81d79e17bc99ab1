import Foundation

/// The onboarding CSV: one row per gateway to create.
///
/// The file is read by ``CSVReader`` (UTF-8, optional BOM, LF or CRLF, RFC 4180 quoting). Its first
/// line is the header; the columns are those of ``GatewayCSVColumn``, in any order, matched ignoring
/// case and surrounding whitespace. `name`, `usecase` and `station` are required; `wifi_ssid`,
/// `wifi_password` and `wifi_authentication_type` override the command-line WiFi settings for a row.
///
/// Rules for values:
/// - Surrounding spaces and tabs are trimmed. Exception: a quoted `wifi_ssid` or `wifi_password`
///   is kept verbatim, since spaces can belong to a network name or passphrase.
/// - A value that is empty after trimming counts as absent.
/// - No control characters (U+0000–U+001F, U+007F–U+009F), also not line breaks inside quotes.
/// - At most ``Limits/maxValueLength`` characters.
/// - `name` is unique within the file, compared after trimming and by Unicode canonical equivalence
///   (a composed and a decomposed `é` are equal) but case-sensitively (`Dock` and `dock` differ).
///   Any other text is a valid name, including `/`, `..`, quotes and any script: file names are
///   made safe by ``SafeFileName``.
/// - WiFi: any WiFi value requires `wifi_ssid`; `wifi_ssid` requires `wifi_password` unless
///   `wifi_authentication_type` is `nopass`, which in turn allows no password. The type is one of
///   ``WiFiAuthenticationType``, ignoring case.
///
/// The header must be the first line, and semicolon-separated files are recognized and refused with
/// a specific message. Rows whose values are all empty (e.g. `,,` left by a spreadsheet) are skipped. Unknown columns
/// are errors, so that a misspelled optional column (`wifi_pasword`) is not silently ignored.
public enum GatewayCSV {
    /// Checks the whole file and returns its gateways, or throws every problem found.
    ///
    /// Nothing is returned unless the file is entirely valid. Problems are ordered by line and column.
    /// A file larger than ``Limits/maxFileSize`` is refused before it is read, so map the file
    /// (`Data(contentsOf:options: .alwaysMapped)`) to refuse a huge one without loading it; a file
    /// with more than ``Limits/maxRows`` rows is refused with that one problem.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - fileName: The file as the user named it; it starts every problem's description.
    /// - Returns: The gateways, in file order; never empty.
    public static func parse(_ data: Data, fileName: String, limits: Limits = Limits()) throws(GatewayCSVError)
        -> [GatewayRow]
    {
        func refuse(_ problems: [CSVProblem]) -> GatewayCSVError {
            GatewayCSVError(problems: problems.sorted { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) })
        }
        func fileProblem(line: Int = 1, _ message: String) -> CSVProblem {
            CSVProblem(file: fileName, line: line, message: message)
        }

        guard data.count <= limits.maxFileSize else {
            throw refuse([fileProblem("the file is \(megabytes(data.count)); files larger than "
                + "\(megabytes(limits.maxFileSize)) are not accepted, split it into smaller files")])
        }
        let document = CSVReader.read(data)
        var problems = document.errors.map {
            CSVProblem(file: fileName, line: $0.line, column: $0.column, message: $0.message)
        }
        guard let headerRecord = document.records.first, !document.records.allSatisfy(isBlank) else {
            if problems.isEmpty {
                problems.append(fileProblem("the file is empty; it needs a header row such as "
                    + "name,usecase,station followed by one row per gateway"))
            }
            throw refuse(problems)
        }
        guard let header = GatewayCSVHeader.read(headerRecord, file: fileName, problems: &problems) else {
            throw refuse(problems)
        }

        let rowRecords = document.records.dropFirst().filter { !isBlank($0) }
        if rowRecords.isEmpty {
            problems.append(fileProblem(line: headerRecord.line, "the file has a header but no gateways; "
                + "add one row per gateway below the header"))
        }
        if rowRecords.count > limits.maxRows {
            let firstExcess = rowRecords[rowRecords.startIndex + limits.maxRows]
            throw refuse([fileProblem(line: firstExcess.line, "the file has \(rowRecords.count) gateway rows; "
                + "at most \(limits.maxRows) are accepted per file, split it into smaller files")])
        }

        var validator = GatewayRowValidator(header: header, file: fileName, maxValueLength: limits.maxValueLength)
        var rows: [GatewayRow] = []
        rows.reserveCapacity(rowRecords.count)
        for record in rowRecords {
            if let row = validator.validate(record, problems: &problems) {
                rows.append(row)
            }
        }
        guard problems.isEmpty else { throw refuse(problems) }
        return rows
    }

    /// Whether every field of `record` is empty or whitespace: a blank line, or `,,,`.
    private static func isBlank(_ record: CSVRecord) -> Bool {
        record.fields.allSatisfy { $0.value.trimmingHorizontalWhitespace.isEmpty }
    }

    /// `52.4 MB`: decimal megabytes as file managers show them, rounded up so that a size over a
    /// limit never reads as the limit.
    private static func megabytes(_ byteCount: Int) -> String {
        let tenths = (byteCount + 99_999) / 100_000
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }
}
