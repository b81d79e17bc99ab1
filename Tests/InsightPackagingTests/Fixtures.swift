import Foundation
import InsightPackaging
import InsightTestSupport

/// Entries that exercise compression, binary data, an empty file, a folder and a non-ASCII name.
let sampleEntries: [(name: String, data: Data)] = [
    ("provisioning.json", Data(#"{"token":"abc","gateway":{"name":"Gerät 7"}}"#.utf8)),
    ("README.txt", Data(String(repeating: "Insight provisioning package.\n", count: 200).utf8)),
    ("certs/ca.pem", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })),
    ("empty.txt", Data()),
    ("Größe/東京.txt", Data("ü".utf8)),
]

/// An archive of `sampleEntries`, each encrypted under `password` if one is given.
func sampleArchive(password: String?) throws -> Data {
    var writer = ZipArchiveWriter()
    for entry in sampleEntries {
        try writer.addEntry(named: entry.name, data: entry.data, password: password)
    }
    return try writer.archiveData()
}

/// Runs 7-Zip with `args`, relative file names resolving in `directory`.
func sevenZip(in directory: URL, _ args: String...) throws -> ToolResult {
    try runTool("sh", ["-c", "cd \"$0\" && exec 7z \"$@\"", directory.path] + args)
}
