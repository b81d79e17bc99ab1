import Foundation
import InsightCore

/// Where `verify` learns which printed tokens can no longer be redeemed: the batch's own store,
/// when it is at hand (an embedded batch with its data directory).
public protocol SpentTokenLookup: Sendable {
    /// Of `tokens`, those already redeemed or voided, by token.
    func spent(_ tokens: [String]) async throws -> [String: SpentToken]
}

/// The lookup over a provisioning store, in the batch's customer.
public struct StoredSpentTokens: SpentTokenLookup {
    let store: any ProvisioningStore
    let customerID: String

    public init(store: any ProvisioningStore, customerID: String) {
        self.store = store
        self.customerID = customerID
    }

    public func spent(_ tokens: [String]) async throws -> [String: SpentToken] {
        let byHash = Dictionary(tokens.map { (ProvisioningToken.hash(of: $0), $0) }, uniquingKeysWith: { first, _ in first })
        let spent = try await store.spentTokens(hashes: Array(byHash.keys), customerID: customerID)
        return Dictionary(spent.compactMap { hash, state in byHash[hash].map { ($0, state) } }, uniquingKeysWith: { first, _ in first })
    }
}
