import Foundation
import InsightPackaging
import InsightTestSupport
import Testing

@Suite struct ZipArchiveReaderTests {
    @Test func listsAndReadsEncryptedEntries() throws {
        let reader = try ZipArchiveReader(data: sampleArchive(password: "PASSWORD"))
        #expect(reader.entries.map(\.name) == sampleEntries.map(\.name))
        #expect(reader.entries.allSatisfy { $0.encryption == .aes256 })
        for entry in sampleEntries {
            #expect(try reader.data(forEntry: entry.name, password: "PASSWORD") == entry.data)
        }
        let readme = try #require(reader.entries.first { $0.name == "README.txt" })
        #expect(readme.uncompressedSize == 6000)
        #expect(readme.compressedSize < 1000)
    }

    @Test func reportsMissingAndWrongPasswords() throws {
        let reader = try ZipArchiveReader(data: sampleArchive(password: "PASSWORD"))
        #expect(throws: ZipError.passwordRequired(entry: "README.txt")) { try reader.data(forEntry: "README.txt") }
        #expect(throws: ZipError.wrongPassword(entry: "README.txt")) { try reader.data(forEntry: "README.txt", password: "wrong") }
        #expect(throws: ZipError.entryNotFound("missing.txt")) { try reader.data(forEntry: "missing.txt") }
    }

    @Test func readsUnencryptedEntriesWithOrWithoutAPassword() throws {
        let reader = try ZipArchiveReader(data: sampleArchive(password: nil))
        #expect(reader.entries.allSatisfy { $0.encryption == .none })
        for entry in sampleEntries {
            #expect(try reader.data(forEntry: entry.name) == entry.data)
            #expect(try reader.data(forEntry: entry.name, password: "ignored") == entry.data)
        }
    }

    @Test func readsWhatSevenZipWrote() throws {
        try withTemporaryDirectory { directory in
            try Data("from 7-Zip\n".utf8).write(to: directory.appendingPathComponent("note.txt"))
            let result = try sevenZip(in: directory, "a", "-tzip", "-mem=AES256", "-psecret", "made.zip", "note.txt")
            #expect(result.status == 0, "\(result.stderrText)")
            let reader = try ZipArchiveReader(contentsOf: directory.appendingPathComponent("made.zip"))
            #expect(reader.entries.map(\.encryption) == [.aes256])
            #expect(try reader.data(forEntry: "note.txt", password: "secret") == Data("from 7-Zip\n".utf8))
        }
    }

    @Test func refusesArchivesWithUnsafeNames() throws {
        try withTemporaryDirectory { directory in
            // Python's zipfile stores a name as given, so it can make the archive our writer refuses to.
            let script = "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w') as z: z.writestr('../evil.txt', 'x')"
            let path = directory.appendingPathComponent("evil.zip").path
            let made = try runTool("python3", ["-c", script, path])
            #expect(made.status == 0, "\(made.stderrText)")
            #expect(throws: ZipError.invalidEntryName("../evil.txt", reason: "it has a \"..\" path component")) {
                try ZipArchiveReader(contentsOf: URL(fileURLWithPath: path))
            }
        }
    }

    @Test func rejectsDataThatIsNotAZip() {
        #expect(throws: ZipError.self) { try ZipArchiveReader(data: Data("not a zip".utf8)) }
    }
}
