import Foundation

/// `insight master-key rotate`: the database's keys move from one master key to another.
public enum MasterKeyRotation {
    /// What a rotation changed.
    public struct Report: Sendable, Equatable {
        /// Packages and PKCS#12 files resealed under the data key: those sealed under the old
        /// master key itself (before envelope encryption) or not sealed at all.
        public var resealed: Int
    }

    /// Reseals every secret at rest that is not yet sealed under the data key, then rewraps the
    /// data key under `new`. Processes running with `old` keep working (they hold the data key);
    /// each must be given `new` before its next start.
    ///
    /// - Throws: `MasterKeyMismatch` when `old` is not the database's master key.
    public static func rotate(
        state: any SharedStateStore, provisioning: any ProvisioningStore, from old: MasterKey, to new: MasterKey
    ) async throws -> Report {
        guard let wrapped = try await state.sharedValue(named: SharedStateName.dataKey) else {
            throw InsightError.conflict("The database holds no data key yet: start insight once with the current master key before rotating it.")
        }
        let dataKey = try DataKey(unwrapping: wrapped, with: old)
        let sealer = Sealer(dataKey: dataKey, legacyKey: old)
        let resealed = try await provisioning.rewriteSecretsAtRest { place, stored in
            guard !Sealer.isSealed(stored) else { return nil }
            let context = SealedProvisioningStore.context(of: place)
            return try sealer.seal(sealer.open(stored, context: context), context: context)
        }
        try await state.replaceSharedValues([SharedStateName.dataKey: dataKey.wrapped(with: new)])
        return Report(resealed: resealed)
    }
}
