import Foundation
import InsightCore

/// The batch's journal: an append-only JSON-lines file in the output folder that records each
/// step once it is durable, so that a re-run after a crash or Ctrl-C finishes the batch without
/// creating anything twice.
///
/// Lines: `{"kind":"batch",…}` once; `{"kind":"request",…}` per bulk-create request, with its
/// idempotency key and gateway names, before it is sent; `{"kind":"created",…}` per gateway after
/// bulk-create returned; `{"kind":"packaged",…}` per gateway after its package is on disk. An append of
/// `packaged` lines first makes the output files written before it durable (one `syncfs`,
/// through a descriptor opened before any of them was written, so that a failed write-back
/// since then is reported); every append flushes its lines to disk (fsync) before the next
/// step starts.
final class Journal {
    struct Record: Codable {
        enum Kind: String, Codable { case batch, request, created, packaged }
        var kind: Kind
        var batch: String?
        var customer_id: String?
        var csv_sha256: String?
        var name: String?
        var gateway_id: String?
        var package: String?
        var package_sha256: String?
        /// Of a `request`: the key it is sent under, and the names of the gateways it creates.
        var idempotency_key: String?
        var names: [String]?
    }

    static let fileName = "journal.jsonl"

    private let folderDescriptor: Int32
    /// The output folder, which `folderDescriptor` is open on.
    private let folder: URL
    private let handle: FileHandle
    private(set) var records: [Record]

    /// Opens (creating) the journal in `folder` and reads what an earlier run recorded. A torn
    /// last line (a crash mid-write) is ignored.
    init(folder: URL) throws {
        folderDescriptor = try OutputFile.openForSynchronizing(folder)
        self.folder = folder
        let file = folder.appendingPathComponent(Self.fileName)
        if !FileManager.default.fileExists(atPath: file.path),
           !FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        let data = try Data(contentsOf: file)
        records = data.split(separator: UInt8(ascii: "\n")).compactMap { try? JSONDecoder().decode(Record.self, from: $0) }
        handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        if let last = data.last, last != UInt8(ascii: "\n") { try handle.write(contentsOf: Data("\n".utf8)) }
    }

    deinit {
        try? handle.close()
        close(folderDescriptor)
    }

    /// The batch as last recorded (a batch whose CSV was corrected before anything was sent is
    /// recorded again).
    var batchRecord: Record? { records.last { $0.kind == .batch } }

    /// The bulk-create requests recorded before they were sent, in order.
    var requests: [(key: String, names: [String])] {
        records.compactMap { record in
            guard record.kind == .request, let key = record.idempotency_key, let names = record.names else { return nil }
            return (key, names)
        }
    }

    /// Gateway ids by name, for every gateway recorded as created.
    var createdGateways: [String: String] {
        var byName: [String: String] = [:]
        for record in records where record.kind == .created {
            if let name = record.name, let id = record.gateway_id { byName[name] = id }
        }
        return byName
    }

    /// The last `packaged` record of each gateway, by gateway id.
    var packagedGateways: [String: Record] {
        var byID: [String: Record] = [:]
        for record in records where record.kind == .packaged {
            if let id = record.gateway_id { byID[id] = record }
        }
        return byID
    }

    /// Appends `new` and makes it durable; for `packaged` lines, makes the output files written
    /// so far durable first.
    func append(_ new: [Record]) throws {
        guard !new.isEmpty else { return }
        if new.contains(where: { $0.kind == .packaged }) { try OutputFile.synchronize(descriptor: folderDescriptor, folder: folder) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for record in new {
            data.append(try encoder.encode(record))
            data.append(UInt8(ascii: "\n"))
        }
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            throw Self.naming(folder.appendingPathComponent(Self.fileName), error)
        }
        records += new
    }

    /// `error` of a write to `file` as a `CocoaError` that names the file (FileHandle's do not).
    private static func naming(_ file: URL, _ error: any Error) -> any Error {
        switch error {
        case let error as CocoaError: CocoaError(error.code, userInfo: [NSFilePathErrorKey: file.path])
        case let error as NSError where error.domain == NSPOSIXErrorDomain: CocoaError.file(errno: Int32(error.code), file)
        default: error
        }
    }

    /// Appends the records of the downloads that succeeded, then throws the first failure.
    func appendSucceeded(_ results: [Result<Record, any Error>]) throws {
        try append(results.compactMap { try? $0.get() })
        for case .failure(let error) in results { throw error }
    }
}
