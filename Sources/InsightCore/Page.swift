import Foundation

/// Where a page of a keyset-paginated listing starts: just after the item with this sort key.
///
/// Listings are ordered by (`created`, `id`), so that items added while a client pages through
/// land after the pages already read and no item is skipped or repeated. The client sees the
/// cursor as `next_token`, `<created>_<id>`: every token of that form is a valid position (the
/// document's `next_token` pattern says exactly this), so no well-formed token is refused.
public struct PageCursor: Sendable, Equatable {
    public let created: Timestamp
    public let id: UUID

    public init(created: Timestamp, id: UUID) {
        self.created = created
        self.id = id
    }

    /// The token form: `<created>_<id>`, the id in lower case.
    public var token: String { "\(created.rawValue)_\(id.uuidString.lowercased())" }

    /// Parses a token of the form `token` makes.
    ///
    /// - Throws: `InsightError.badRequest` for anything else.
    public init(token: String) throws {
        let parts = token.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 18, parts[0].allSatisfy(\.isASCII), let millis = Int64(parts[0]), millis >= 0,
              parts[1].count == 36, parts[1] == parts[1].lowercased(), let id = UUID(uuidString: String(parts[1]))
        else {
            throw InsightError.badRequest("next_token '\(token.prefix(64))' is not a page token (<created>_<id>, as links.next gives it).")
        }
        self.init(created: Timestamp(rawValue: millis), id: id)
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
        let limit = limit ?? Self.maximumLimit
        guard (1...Self.maximumLimit).contains(limit) else {
            throw InsightError.badRequest("limit must be between 1 and \(Self.maximumLimit); got \(limit).")
        }
        self.limit = limit
        self.after = try nextToken.map(PageCursor.init(token:))
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
