import Foundation

/// Reads CSV text as described by RFC 4180, tolerating what spreadsheet programs produce.
///
/// - Encoding: UTF-8; a leading UTF-8 byte order mark is skipped. A UTF-16 file is refused
///   (``CSVSyntaxError/Kind/utf16Encoding``).
/// - Records end at CRLF, LF or a lone CR; the last line needs no line break. A line break at the
///   very end of the file does not start another record, but every other empty line is a record
///   with one empty field (callers decide whether blank records matter).
/// - Fields are separated by commas. A field that starts with `"` is quoted: it may contain commas
///   and line breaks, and `""` stands for one `"`. Spaces and tabs outside the quotes of a quoted
///   field (`a, "b" ,c`) are ignored: RFC 4180 has none there, but hand-written files often do.
/// - Malformed input never stops the reader: each problem becomes a ``CSVSyntaxError`` and reading
///   goes on (see ``CSVSyntaxError/Kind`` for how each is recovered).
public enum CSVReader {
    /// Reads every record of `data`. Runs in time linear in the size of `data`.
    public static func read(_ data: Data) -> CSVDocument {
        data.withUnsafeBytes { raw in
            var scanner = CSVScanner(bytes: raw.bindMemory(to: UInt8.self))
            return scanner.run()
        }
    }
}

/// The byte-level state machine behind ``CSVReader``.
///
/// Works on bytes: every byte with structural meaning (`"`, `,`, CR, LF) is ASCII, and in UTF-8
/// ASCII bytes never occur inside a multi-byte character.
private struct CSVScanner {
    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    private enum Terminator { case comma, lineBreak, endOfInput }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1
    private var column = 1
    private var records: [CSVRecord] = []
    private var errors: [CSVSyntaxError] = []
    /// The value of the field being read, unescaped; reused to avoid an allocation per field.
    private var value: [UInt8] = []
    /// The last line on which an encoding error of each kind was reported, to report it once per line.
    private var lastReportedLine: [CSVSyntaxError.Kind: Int] = [:]

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func run() -> CSVDocument {
        if startsWith([0xFF, 0xFE]) || startsWith([0xFE, 0xFF]) {
            return CSVDocument(records: [], errors: [CSVSyntaxError(kind: .utf16Encoding, line: 1, column: 1)])
        }
        if startsWith([0xEF, 0xBB, 0xBF]) {
            index = 3
        }
        while index < bytes.count {
            readRecord()
        }
        return CSVDocument(records: records, errors: errors)
    }

    private func startsWith(_ prefix: [UInt8]) -> Bool {
        bytes.count >= prefix.count && zip(bytes, prefix).allSatisfy { $0 == $1 }
    }

    private mutating func readRecord() {
        let recordLine = line
        var fields: [CSVField] = []
        while true {
            let (field, terminator) = readField()
            fields.append(field)
            if terminator != .comma {
                records.append(CSVRecord(line: recordLine, fields: fields))
                return
            }
        }
    }

    private mutating func readField() -> (CSVField, Terminator) {
        let fieldLine = line
        var fieldColumn = column
        value.removeAll(keepingCapacity: true)
        var openingQuote = index
        while openingQuote < bytes.count, Self.isSpaceOrTab(bytes[openingQuote]) {
            openingQuote += 1
        }
        let isQuoted = openingQuote < bytes.count && bytes[openingQuote] == Self.quote
        if isQuoted {
            column += openingQuote - index
            index = openingQuote
            fieldColumn = column
            advance()
            readQuotedContent(openedAtLine: fieldLine, column: fieldColumn)
        }
        // An unquoted value, or what follows a closing quote (which should be nothing).
        var reportedStrayText = false
        let terminator: Terminator
        while true {
            guard index < bytes.count else {
                terminator = .endOfInput
                break
            }
            let byte = bytes[index]
            if isQuoted && Self.isSpaceOrTab(byte) {
                advance()
                continue
            }
            if byte == Self.comma {
                advance()
                terminator = .comma
                break
            }
            if byte == Self.lineFeed || byte == Self.carriageReturn {
                skipLineBreak()
                terminator = .lineBreak
                break
            }
            if !reportedStrayText && (isQuoted || byte == Self.quote) {
                reportedStrayText = true
                errors.append(CSVSyntaxError(
                    kind: isQuoted ? .textAfterClosingQuote : .quoteInUnquotedField, line: line, column: column))
            }
            consumeText()
        }
        let field = CSVField(
            value: String(decoding: value, as: UTF8.self), line: fieldLine, column: fieldColumn, isQuoted: isQuoted)
        return (field, terminator)
    }

    /// Reads a quoted value's content up to and including its closing quote, or to the end of input.
    private mutating func readQuotedContent(openedAtLine openingLine: Int, column openingColumn: Int) {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.quote {
                advance()
                guard index < bytes.count, bytes[index] == Self.quote else { return }
                value.append(Self.quote)
                advance()
            } else if byte == Self.lineFeed || byte == Self.carriageReturn {
                let start = index
                skipLineBreak()
                value.append(contentsOf: bytes[start..<index])
            } else {
                consumeText()
            }
        }
        errors.append(CSVSyntaxError(kind: .unterminatedQuote, line: openingLine, column: openingColumn))
    }

    private static func isSpaceOrTab(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// Steps over one ASCII byte that is not a line break.
    private mutating func advance() {
        index += 1
        column += 1
    }

    /// Steps over CRLF, LF or CR.
    private mutating func skipLineBreak() {
        if bytes[index] == Self.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Self.lineFeed {
            index += 1
        }
        index += 1
        line += 1
        column = 1
    }

    /// Appends the character at `index` to the value, checking its encoding.
    private mutating func consumeText() {
        let byte = bytes[index]
        if byte == 0 {
            report(.nulByte)
            advance()
        } else if byte < 0x80 {
            value.append(byte)
            advance()
        } else {
            var iterator = bytes[index...].makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                value.append(contentsOf: encoded)
                index += encoded.count
            case .error(let length):
                report(.invalidUTF8)
                value.append(contentsOf: Self.replacementCharacter)
                index += length
            case .emptyInput:
                preconditionFailure("consumeText is only called before the end of input")
            }
            column += 1
        }
    }

    private mutating func report(_ kind: CSVSyntaxError.Kind) {
        guard lastReportedLine[kind] != line else { return }
        lastReportedLine[kind] = line
        errors.append(CSVSyntaxError(kind: kind, line: line, column: column))
    }
}
