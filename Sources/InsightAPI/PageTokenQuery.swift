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
    var pageToken: String? { nextToken ?? nextKey }
}

extension Operations.ListUsers.Input.Query: PageTokenQuery {}
