import Foundation

/// Reads a file line by line in 1 MiB chunks, so that a file of any size takes little memory.
///
/// Lines end with LF; a CR before it and a UTF-8 byte-order mark at the start are dropped.
struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var reachedEnd = false
    /// The 1-based number of the line returned last.
    private(set) var lineNumber = 0

    /// - Throws: when `url` cannot be opened for reading.
    init(url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
    }

    /// The next line without its line ending, or `nil` at the end of the file.
    mutating func next() throws -> Data? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                defer { position = newline + 1 }
                return line(buffer[position..<newline])
            }
            if reachedEnd {
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                return line(buffer[position...])
            }
            buffer.removeFirst(position)
            position = 0
            if let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                buffer.append(contentsOf: chunk)
            } else {
                reachedEnd = true
                try handle.close()
            }
        }
    }

    private mutating func line(_ bytes: ArraySlice<UInt8>) -> Data {
        lineNumber += 1
        var bytes = bytes
        if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        return Data(bytes)
    }
}
