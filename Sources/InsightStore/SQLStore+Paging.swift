import InsightCore
import SQLKit

extension SQLStore {
    /// One page of `table`'s rows of `customerID` in (`created`, `id`) order, starting after
    /// `page.after`: the keyset pagination of every customer-scoped listing (the table needs the
    /// columns `customer_id`, `created` and a lower-case UUID text `id`, and an index on them).
    ///
    /// - Parameter item: the item of a row and its cursor.
    func page<Row: Decodable & Sendable, Item: Sendable>(
        of table: String, customerID: String, _ page: PageRequest, decoding: Row.Type,
        _ item: (Row) throws -> (Item, PageCursor)
    ) async throws -> Page<Item> {
        let rows = try await backend.withConnection { db in
            var query = db.select().columns("*").from(table).where("customer_id", .equal, customerID)
            if let after = page.after {
                query = query.where { group in
                    group.where("created", .greaterThan, after.created.rawValue).orWhere { tie in
                        tie.where("created", .equal, after.created.rawValue)
                            .where("id", .greaterThan, after.id.uuidString.lowercased())
                    }
                }
            }
            return try await query.orderBy("created").orderBy("id").limit(page.limit + 1).all(decoding: Row.self)
        }
        let items = try rows.prefix(page.limit).map(item)
        let next = rows.count > page.limit ? items.last?.1 : nil
        return Page(items: items.map(\.0), next: next)
    }
}
