import InsightCore
import SQLKit

extension SQLSelectBuilder {
    /// Orders by (`created`, `id`) and keeps the rows from `start` (all when `nil`) that come
    /// after `cursor` (all when `nil`), at most `limit + 1` of them: the one beyond the page
    /// tells `Page(rows:limit:…)` that another follows.
    ///
    /// An index on (…, `created`, `id`) serves it: the lower bound on `created` (the later of
    /// `start` and the cursor's) starts the index range at the page, however deep, and ties on
    /// `created` break on `id`, so that no row is skipped or repeated while rows are added.
    func keysetPage(from start: Timestamp? = nil, after cursor: PageCursor?, limit: Int) -> Self {
        var query = self
        if let lowest = [start, cursor?.created].compactMap({ $0 }).max() {
            query = query.where("created", .greaterThanOrEqual, lowest.rawValue)
        }
        if let cursor {
            query = query.where { group in
                group.where("created", .greaterThan, cursor.created.rawValue).orWhere { tie in
                    tie.where("created", .equal, cursor.created.rawValue).where("id", .greaterThan, cursor.id)
                }
            }
        }
        return query.orderBy("created").orderBy("id").limit(limit + 1)
    }
}

extension Page {
    /// The page of `rows` as `keysetPage` fetched them: the first `limit`, and the cursor after the
    /// last of them when a further row shows that another page follows.
    init(rows: [Item], limit: Int, cursor: (Item) -> PageCursor) {
        let items = Array(rows.prefix(limit))
        self.init(items: items, next: rows.count > limit ? items.last.map(cursor) : nil)
    }
}
