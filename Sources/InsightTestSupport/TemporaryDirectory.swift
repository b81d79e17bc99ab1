import Foundation

/// Creates a fresh, empty directory under the system temporary directory, passes it to `body`
/// and removes it with its contents afterwards, whether `body` returns or throws.
/// Returns what `body` returns; throws what `body` or the directory creation throws.
public func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("insight-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}
