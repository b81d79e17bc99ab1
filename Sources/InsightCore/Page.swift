import Foundation

/// Where a page of a keyset-paginated listing starts: just after the item with this sort key.
///
/// Listings are ordered by (`created`, `id`), so that items added while a client pages through
/// land after the pages already read and no item is skipped or repeated. `id` is the item's id
/// as the store keeps it (a lower-case UUID for gateways, users and events, a serial number for
/// devices), compared as text.
///
/// The client sees the cursor as `next_token`, `<created>_<id as lower-case hex of its UTF-8>`.
/// Every token of that form is a valid position (bytes that are no UTF-8 read as U+FFFD), so
/// the document's `next_token` pattern says exactly which tokens the server accepts.
public struct PageCursor: Sendable, Equatable {
    public let created: Timestamp
    public let id: String

    public init(created: Timestamp, id: String) {
        self.created = created
        self.id = id
    }

    /// The cursor after the item with the UUID `id`, which the store keeps in lower case.
    public init(created: Timestamp, id: UUID) {
        self.init(created: created, id: id.lowercasedString)
    }

    /// The longest id a token carries, in UTF-8 bytes.
    public static let maximumIDBytes = 128

    /// The token form: `<created>_<hex of id>`.
    public var token: String { "\(created.rawValue)_\(id.utf8.prefix(Self.maximumIDBytes).lowercaseHex)" }

    /// Parses a token of the form `token` makes, given as the query parameter `parameter`.
    ///
    /// - Throws: `InsightError.badRequest` for anything else, naming `parameter`.
    public init(token: String, parameter: String = "next_token") throws {
        let parts = token.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...18).contains(parts[0].count), parts[0].allSatisfy({ ("0"..."9").contains($0) }),
              parts[0] == "0" || parts[0].first != "0", let millis = Int64(parts[0]),
              let bytes = Self.bytes(ofLowercaseHex: parts[1]), (1...Self.maximumIDBytes).contains(bytes.count)
        else {
            throw InsightError.badRequest("\(parameter) '\(token.prefix(64))' is not a page token (<created>_<hex id>, as links.next gives it).")
        }
        self.init(created: Timestamp(rawValue: millis), id: String(decoding: bytes, as: UTF8.self))
    }

    private static func bytes(ofLowercaseHex hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}

/// A request for one page of a listing.
public struct PageRequest: Sendable, Equatable {
    /// The largest page the API serves, and the default size.
    public static let maximumLimit = 500

    public let limit: Int
    public let after: PageCursor?

    /// - Throws: `InsightError.badRequest` when `limit` is outside 1...500 or `nextToken` is not valid.
    public init(limit: Int?, nextToken: String?) throws {
        try self.init(limit: limit, after: nextToken.map { try PageCursor(token: $0) })
    }

    /// - Throws: `InsightError.badRequest` when `limit` is outside 1...500.
    public init(limit: Int?, after: PageCursor?) throws {
        let limit = limit ?? Self.maximumLimit
        guard (1...Self.maximumLimit).contains(limit) else {
            throw InsightError.badRequest("limit must be between 1 and \(Self.maximumLimit); got \(limit).")
        }
        self.limit = limit
        self.after = after
    }
}

/// One page of a listing and where the next one starts (`nil` on the last page).
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let next: PageCursor?

    public init(items: [Item], next: PageCursor?) {
        self.items = items
        self.next = next
    }

    /// Calls `body` with the items of every page `fetch` answers: first the page from the start
    /// (cursor `nil`), then each page after the one before, until none follows. Each page is one
    /// query, so memory stays bounded however many items there are.
    public static func forEach(
        _ fetch: (PageCursor?) async throws -> Page<Item>, _ body: ([Item]) async throws -> Void
    ) async throws {
        var cursor: PageCursor?
        repeat {
            let page = try await fetch(cursor)
            if !page.items.isEmpty { try await body(page.items) }
            cursor = page.next
        } while cursor != nil
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5).
    public func base64URLEncodedString() -> String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes unpadded base64url; `nil` for anything else.
    public init?(base64URLEncoded text: String) {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
