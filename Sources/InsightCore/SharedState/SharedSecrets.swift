import Foundation

/// The shared state of one database with its secrets sealed: what every process on that database
/// opens with the same master key. Secrets are sealed under the database's data key
/// (`Sealer`), which is kept wrapped under the master key (`DataKey`).
public struct SharedSecrets: Sendable {
    /// The values, as stored (secrets sealed).
    public let state: any SharedStateStore
    /// Seals and opens values with the data key.
    public let sealer: Sealer

    /// Opens the database's data key with `masterKey`, making it on first use (the first of
    /// several processes racing to make it wins; the others use its key).
    ///
    /// - Throws: `MasterKeyMismatch` when the data key was wrapped under another master key.
    public static func open(_ state: any SharedStateStore, masterKey: MasterKey) async throws -> SharedSecrets {
        let wrapped = try await state.sharedValue(named: SharedStateName.dataKey, insertingIfAbsent: DataKey().wrapped(with: masterKey))
        return SharedSecrets(state: state, sealer: Sealer(dataKey: try DataKey(unwrapping: wrapped, with: masterKey), legacyKey: masterKey))
    }

    /// The secret stored under `name`, or nil.
    public func secret(named name: String) async throws -> Data? {
        try await state.sharedValue(named: name).map { try sealer.open($0, context: name) }
    }

    /// The secret stored under `name`, made with `make` and stored (sealed) when missing; of
    /// processes racing to make it, every one gets the first one's.
    public func secret(named name: String, creatingWith make: @Sendable () throws -> Data) async throws -> Data {
        if let stored = try await secret(named: name) { return stored }
        let sealed = try sealer.seal(make(), context: name)
        return try sealer.open(try await state.sharedValue(named: name, insertingIfAbsent: sealed), context: name)
    }

    /// Stores `secret` under `name` unless a value is there (bringing in a data directory's
    /// keys); returns whether it stored it.
    @discardableResult
    public func insertSecret(_ secret: Data, named name: String) async throws -> Bool {
        let sealed = try sealer.seal(secret, context: name)
        return try await state.sharedValue(named: name, insertingIfAbsent: sealed) == sealed
    }
}
