import Foundation

extension Array where Element: Sendable {
    /// Maps every element with at most `width` transforms running at once, keeping the order.
    /// CPU-bound work (key generation, encryption) uses every core this way.
    ///
    /// - Throws: the first error a transform throws (the other transforms are then cancelled),
    ///   or `CancellationError` when the calling task is cancelled (no transform starts after).
    public func concurrentMap<Result: Sendable>(
        width: Int = ProcessInfo.processInfo.activeProcessorCount,
        _ transform: @escaping @Sendable (Element) async throws -> Result
    ) async throws -> [Result] {
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: count)
            var next = 0
            for _ in 0..<Swift.min(Swift.max(width, 1), count) {
                let index = next
                group.addTask { (index, try await transform(self[index])) }
                next += 1
            }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < count {
                    try Task.checkCancellation()
                    let index = next
                    group.addTask { (index, try await transform(self[index])) }
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
    }
}
