import InsightCore
import InsightOpenAPI

/// The query of a listing that takes `next_token` and its deprecated alias `next_key`
/// (`next_token` wins when both are given).
///
/// Reading `nextKey` through this protocol keeps the deprecation warning of the generated
/// property out of the handlers: conform a listing's generated query type to it.
protocol PageTokenQuery {
    var nextToken: String? { get }
    var nextKey: String? { get }
}

extension PageTokenQuery {
    /// The page token to continue after: `next_token`, else `next_key`.
    ///
    /// - Throws: `badRequest` when either is given but is no page token, also the one that does
    ///   not win: the document allows neither malformed.
    func pageCursor() throws -> PageCursor? {
        let key = try nextKey.map { try PageCursor(token: $0, parameter: "next_key") }
        return try nextToken.map { try PageCursor(token: $0, parameter: "next_token") } ?? key
    }
}

extension Operations.ListUsers.Input.Query: PageTokenQuery {}
extension Operations.ListRoles.Input.Query: PageTokenQuery {}
extension Operations.ListEvents.Input.Query: PageTokenQuery {}
extension Operations.ListAuditEvents.Input.Query: PageTokenQuery {}
