import Foundation

/// Encodes an `Encodable` value as compact JSON, writing bytes as the value's `encode(to:)` calls
/// in: the same text as Foundation's `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`
/// (keys in byte order, a whole `Double` without `.0`, the same escapes) in less than half the time,
/// since Foundation first builds a tree of dictionaries and then sorts and writes it.
///
/// Object members are written in the order they come and put in key order when the object
/// closes. Containers close when the value that opened them returns from `encode(to:)`, or when
/// their parent writes again (a nested container ends where its next sibling begins).
///
/// The values it encodes must not hold `Date`, `Data`, `URL` or `Decimal`, which Foundation
/// encodes in ways of its own; it throws for them rather than differ. Array elements that are
/// `DirectJSONObject`s write their members themselves, without `Codable`.
public enum StreamingJSONEncoder {
    /// The JSON text of `value`, as UTF-8.
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        let writer = JSONByteWriter()
        try writer.writeValue(value, depth: 0)
        return writer.bytes
    }
}

/// The output and the containers still open, shared by every encoder and container of one
/// `StreamingJSONEncoder.encode` call.
///
/// Its stored properties are exempt from run-time exclusivity checks (`@exclusivity(unchecked)`):
/// a class's properties are otherwise checked at every access, which costs more than the writing;
/// one writer is only ever used by one `encode` call, on one thread, never re-entrantly.
final class JSONByteWriter {
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []

    /// An open object or array.
    private struct OpenContainer {
        let isObject: Bool
        /// Where its first member or element begins (after `{` or `[`).
        let contentStart: Int
        /// Objects: each member's key and where its `"key":value` begins.
        var members: [(key: String, start: Int)] = []
        var elementCount = 0
    }

    /// Open containers, outermost first; the one at index `d` belongs to an encoder at depth `d + 1`.
    @exclusivity(unchecked) private var open: [OpenContainer] = []

    init() {
        bytes.reserveCapacity(4_096)
    }

    // MARK: Values

    /// Writes `value` as the value of the place the caller just opened (a member, an element or
    /// the whole document), as an encoder at `depth` would, and closes what it opened.
    func writeValue<Value: Encodable>(_ value: Value, depth: Int) throws {
        if try writePrimitive(value) { return }
        if Value.self == Date.self || Value.self == Data.self || Value.self == URL.self || Value.self == Decimal.self {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(Value.self) is encoded by Foundation's rules, which this encoder does not follow."))
        }
        let before = bytes.count
        try value.encode(to: JSONValueEncoder(writer: self, depth: depth + 1))
        close(downTo: depth)
        if bytes.count == before { writeLiteral("{}") }  // as Foundation: a value that encodes nothing is an empty object
    }

    /// Writes `value` if it is a number, a `Bool` or a `String` (whose own `encode(to:)` would
    /// come back here through the containers' generic `encode`), and says whether it was. The
    /// containers' overloads for the common types skip this; the others (`Int8`, `Float`, …)
    /// arrive here. Metatypes compare as pointers, cheaper than a dynamic cast per value.
    private func writePrimitive<Value: Encodable>(_ value: Value) throws -> Bool {
        switch ObjectIdentifier(Value.self) {
        case ObjectIdentifier(String.self): writeString(value as! String)
        case ObjectIdentifier(Bool.self): writeLiteral(value as! Bool ? "true" : "false")
        case ObjectIdentifier(Double.self): try writeNumber(value as! Double)
        case ObjectIdentifier(Float.self): try writeNumber(value as! Float)
        case ObjectIdentifier(Int.self): writeInteger(value as! Int)
        case ObjectIdentifier(Int8.self): writeInteger(value as! Int8)
        case ObjectIdentifier(Int16.self): writeInteger(value as! Int16)
        case ObjectIdentifier(Int32.self): writeInteger(value as! Int32)
        case ObjectIdentifier(Int64.self): writeInteger(value as! Int64)
        case ObjectIdentifier(UInt.self): writeInteger(value as! UInt)
        case ObjectIdentifier(UInt8.self): writeInteger(value as! UInt8)
        case ObjectIdentifier(UInt16.self): writeInteger(value as! UInt16)
        case ObjectIdentifier(UInt32.self): writeInteger(value as! UInt32)
        case ObjectIdentifier(UInt64.self): writeInteger(value as! UInt64)
        default: return false
        }
        return true
    }

    func writeLiteral(_ text: StaticString) {
        Self.append(text, to: &bytes)
    }

    /// The integer in decimal, written digit by digit (no `String` in between).
    func writeInteger<Number: BinaryInteger>(_ number: Number) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for the 20 digits of a UInt64, most significant last
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude != 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// Swift's shortest round-trip text of the number's own type without a trailing `.0`, as
    /// Foundation writes it.
    func writeNumber(_ number: some BinaryFloatingPoint & CustomStringConvertible) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "\(number) is not a JSON number."))
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    func writeString(_ text: String) {
        Self.appendString(text, to: &bytes)
    }

    private static func append(_ text: StaticString, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A JSON string: `"` and `\` escaped, the control characters as `\b \t \n \f \r` or
    /// `\u00xx`; everything else, `/` included, as its UTF-8.
    private static func appendString(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in appendString(utf8: utf8, to: &bytes) }
    }

    private static func appendString(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        if utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): append("\\\"", to: &bytes)
                case UInt8(ascii: "\\"): append("\\\\", to: &bytes)
                case 0x08: append("\\b", to: &bytes)
                case 0x09: append("\\t", to: &bytes)
                case 0x0A: append("\\n", to: &bytes)
                case 0x0C: append("\\f", to: &bytes)
                case 0x0D: append("\\r", to: &bytes)
                case 0x00..<0x20:
                    let digits: StaticString = "0123456789abcdef"
                    append("\\u00", to: &bytes)
                    bytes.append(digits.utf8Start[Int(byte >> 4)])
                    bytes.append(digits.utf8Start[Int(byte & 0x0F)])
                default: bytes.append(byte)
                }
            }
        } else {
            bytes.append(contentsOf: utf8)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    // MARK: Containers

    /// Opens an object (or an array) for the encoder at `depth`, unless it opened one already.
    func openContainer(isObject: Bool, depth: Int) {
        close(downTo: depth)
        guard open.count < depth else { return }
        bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        var container = OpenContainer(isObject: isObject, contentStart: bytes.count)
        if isObject { container.members.reserveCapacity(lastKeys.count) }  // objects in a list have the same keys
        open.append(container)
    }

    /// Starts the next member of the object of the encoder at `depth`: its key, then the value
    /// the caller writes.
    func beginMember(_ key: String, depth: Int) {
        close(downTo: depth)
        if !open[depth - 1].members.isEmpty { bytes.append(UInt8(ascii: ",")) }
        open[depth - 1].members.append((key, bytes.count))
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Starts the next element of the array of the encoder at `depth`.
    func beginElement(depth: Int) {
        close(downTo: depth)
        if open[depth - 1].elementCount > 0 { bytes.append(UInt8(ascii: ",")) }
        open[depth - 1].elementCount += 1
    }

    func elementCount(depth: Int) -> Int { open[depth - 1].elementCount }

    /// Closes every container opened at a depth beyond `depth`, innermost first.
    private func close(downTo depth: Int) {
        while open.count > depth {
            let container = open.removeLast()
            if container.isObject {
                sortMembers(of: container)
                bytes.append(UInt8(ascii: "}"))
            } else {
                bytes.append(UInt8(ascii: "]"))
            }
        }
    }

    /// The key order of the object closed last: the objects of a list come with the same keys
    /// in the same order, which then needs sorting once.
    @exclusivity(unchecked) private var lastKeys: [String] = []
    /// The member indices of `lastKeys` in key order; `nil` when they are in order already.
    @exclusivity(unchecked) private var lastOrder: [Int]?

    /// The indices of `members` in byte order of their keys, `nil` when they are in order.
    private func keyOrder(_ members: [(key: String, start: Int)]) -> [Int]? {
        if members.count != lastKeys.count || !zip(members, lastKeys).allSatisfy({ $0.key == $1 }) {
            let order = members.indices.sorted { members[$0].key.utf8.lexicographicallyPrecedes(members[$1].key.utf8) }
            lastKeys = members.map(\.key)
            lastOrder = order == Array(members.indices) ? nil : order
        }
        return lastOrder
    }

    /// Where members are put in order before they are copied back; kept for its capacity.
    @exclusivity(unchecked) private var sortedMembers: [UInt8] = []

    /// Rewrites the members of `container` (which ends at the end of `bytes`) in key order.
    private func sortMembers(of container: OpenContainer) {
        let members = container.members
        guard members.count > 1, let order = keyOrder(members) else { return }
        sortedMembers.removeAll(keepingCapacity: true)
        for (position, index) in order.enumerated() {
            if position > 0 { sortedMembers.append(UInt8(ascii: ",")) }
            // Member i spans from its start to the comma before member i + 1 (or the end).
            let end = index + 1 < members.count ? members[index + 1].start - 1 : bytes.count
            sortedMembers.append(contentsOf: bytes[members[index].start..<end])
        }
        bytes.replaceSubrange(container.contentStart..<bytes.count, with: sortedMembers)
    }
}

/// The `Encoder` handed to a value's `encode(to:)`: at `depth`, it owns the container open at
/// `depth` (once opened).
private struct JSONValueEncoder: Encoder {
    let writer: JSONByteWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        writer.openContainer(isObject: true, depth: depth)
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(writer: writer, depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.openContainer(isObject: false, depth: depth)
        return JSONUnkeyedContainer(writer: writer, depth: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(writer: writer, depth: depth)
    }
}

private struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONByteWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        writer.beginMember(key.stringValue, depth: depth)
        writer.writeLiteral("null")
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        writer.beginMember(key.stringValue, depth: depth)
        writer.writeString(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        writer.beginMember(key.stringValue, depth: depth)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: Int64, forKey key: Key) throws {
        writer.beginMember(key.stringValue, depth: depth)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        writer.beginMember(key.stringValue, depth: depth)
        writer.writeLiteral(value ? "true" : "false")
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        writer.beginMember(key.stringValue, depth: depth)
        try writer.writeNumber(value)
    }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        writer.beginMember(key.stringValue, depth: depth)
        try writer.writeValue(value, depth: depth)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        writer.beginMember(key.stringValue, depth: depth)
        return JSONValueEncoder(writer: writer, depth: depth + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.beginMember(key.stringValue, depth: depth)
        return JSONValueEncoder(writer: writer, depth: depth + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        writer.beginMember("super", depth: depth)
        return JSONValueEncoder(writer: writer, depth: depth + 1)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        writer.beginMember(key.stringValue, depth: depth)
        return JSONValueEncoder(writer: writer, depth: depth + 1)
    }
}

private struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONByteWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int { writer.elementCount(depth: depth) }

    mutating func encodeNil() throws {
        writer.beginElement(depth: depth)
        writer.writeLiteral("null")
    }

    mutating func encode(_ value: String) throws {
        writer.beginElement(depth: depth)
        writer.writeString(value)
    }

    mutating func encode(_ value: Int) throws {
        writer.beginElement(depth: depth)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: Double) throws {
        writer.beginElement(depth: depth)
        try writer.writeNumber(value)
    }

    /// An element that is a `DirectJSONObject` (an item of a large list) writes itself.
    mutating func encode(_ value: some Encodable) throws {
        writer.beginElement(depth: depth)
        if let object = value as? any DirectJSONObject {
            try writer.writeDirectObject(object, depth: depth)
        } else {
            try writer.writeValue(value, depth: depth)
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        writer.beginElement(depth: depth)
        return JSONValueEncoder(writer: writer, depth: depth + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.beginElement(depth: depth)
        return JSONValueEncoder(writer: writer, depth: depth + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        writer.beginElement(depth: depth)
        return JSONValueEncoder(writer: writer, depth: depth + 1)
    }
}

/// A single value: written at once, in the place its encoder's caller opened.
private struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let writer: JSONByteWriter
    /// The depth of the encoder that made this container.
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.writeLiteral("null") }
    mutating func encode(_ value: String) throws { writer.writeString(value) }
    mutating func encode(_ value: Int) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Bool) throws { writer.writeLiteral(value ? "true" : "false") }
    mutating func encode(_ value: Double) throws { try writer.writeNumber(value) }
    mutating func encode(_ value: some Encodable) throws { try writer.writeValue(value, depth: depth - 1) }
}
