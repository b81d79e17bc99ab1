import Foundation

/// Where a page of a keyset-paginated listing starts: just after the item with this sort key.
///
/// Listings are ordered by (`created`, `id`), so that items added while a client pages through
/// land after the pages already read and no item is skipped or repeated. `id` is the item's id
/// as the store keeps it (a lower-case UUID for gateways and events, a serial number for
/// devices). The client sees the cursor only as an opaque `next_token`.
public struct PageCursor: Sendable, Equatable {
    public let created: Timestamp
    public let id: String

    public init(created: Timestamp, id: String) {
        self.created = created
        self.id = id
    }

    /// The cursor after the item with the UUID `id`, which the store keeps in lower case.
    public init(created: Timestamp, id: UUID) {
        self.init(created: created, id: id.uuidString.lowercased())
    }

    /// The opaque token form: base64url of `v1:<created>:<id>`.
    public var token: String {
        Data("v1:\(created.rawValue):\(id)".utf8).base64URLEncodedString()
    }

    /// Parses a token made by `token`.
    ///
    /// - Throws: `InsightError.badRequest` for anything this server did not issue.
    public init(token: String) throws {
        let invalid = InsightError.badRequest("next_token '\(token.prefix(64))' is not a token this server issued.")
        guard let data = Data(base64URLEncoded: token), let text = String(data: data, encoding: .utf8) else {
            throw invalid
        }
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let millis = Int64(parts[1]), !parts[2].isEmpty else { throw invalid }
        self.init(created: Timestamp(rawValue: millis), id: String(parts[2]))
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
