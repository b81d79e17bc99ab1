import Foundation
import InsightCore
import InsightOpenAPI

/// The `links.next` and `metadata.filters` parts of a paginated listing.
enum PageLink {
    /// The path of the next page: `path?next_token=…`, keeping an explicit `limit` and the
    /// listing's other parameters (`query`, so that every page reads the same selection).
    static func path(_ path: String, limit: Int?, next: PageCursor, query: [URLQueryItem] = []) -> String {
        var components = URLComponents()
        components.path = path
        components.queryItems = [URLQueryItem(name: "next_token", value: next.token)] + query
            + (limit.map { [URLQueryItem(name: "limit", value: String($0))] } ?? [])
        return components.string ?? path
    }

    /// The filters applied, as the seed's `metadata.filters` lists them.
    static func filters(limit: Int?) -> [Components.Schemas.Metadata.FiltersPayloadPayload] {
        [.init(name: "limit", value: .init(integerLiteral: limit ?? PageRequest.maximumLimit))]
    }
}
