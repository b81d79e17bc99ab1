import Foundation
import InsightPackaging
import InsightTestSupport
import Testing

@Suite struct ZipArchiveWriterTests {
    @Test func sevenZipAcceptsTheRightPasswordOnly() throws {
        try withTemporaryDirectory { directory in
            try sampleArchive(password: "PASSWORD").write(to: directory.appendingPathComponent("package.zip"))
            let right = try sevenZip(in: directory, "t", "-pPASSWORD", "package.zip")
            #expect(right.status == 0, "\(right.stdoutText)\(right.stderrText)")
            #expect(try sevenZip(in: directory, "t", "-pwrong", "package.zip").status != 0)
        }
    }

    @Test func sevenZipReportsAES256Deflate() throws {
        try withTemporaryDirectory { directory in
            try sampleArchive(password: "PASSWORD").write(to: directory.appendingPathComponent("package.zip"))
            let listing = try sevenZip(in: directory, "l", "-slt", "package.zip").stdoutText
            let methods = listing.split(separator: "\n").filter { $0.hasPrefix("Method = ") }
            #expect(methods.count == sampleEntries.count)
            // 7-Zip prints "AES-256 Deflate" (and the level) for every entry.
            #expect(methods.allSatisfy { $0.hasPrefix("Method = AES-256 Deflate") }, "\(methods)")
        }
    }

    @Test(arguments: ["PASSWORD", nil])
    func sevenZipExtractsTheExactBytes(password: String?) throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("package.zip")
            var writer = ZipArchiveWriter()
            for entry in sampleEntries {
                try writer.addEntry(named: entry.name, data: entry.data, password: password)
            }
            try writer.write(to: url)
            let result = try sevenZip(in: directory, "x", "-p\(password ?? "")", "-ooutput", "package.zip")
            #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
            for entry in sampleEntries {
                let extracted = try Data(contentsOf: directory.appendingPathComponent("output/\(entry.name)"))
                #expect(extracted == entry.data, "\(entry.name)")
            }
            if password == nil {
                let listing = try sevenZip(in: directory, "l", "-slt", "package.zip").stdoutText
                #expect(!listing.contains("AES"))
            }
        }
    }

    @Test func anArchiveWithoutEntriesIsValid() throws {
        try withTemporaryDirectory { directory in
            try ZipArchiveWriter().write(to: directory.appendingPathComponent("empty.zip"))
            #expect(try sevenZip(in: directory, "t", "empty.zip").status == 0)
            #expect(try ZipArchiveReader(contentsOf: directory.appendingPathComponent("empty.zip")).entries.isEmpty)
        }
    }

    @Test(arguments: [
        ("/etc/passwd", "it is an absolute path"),
        ("../escape.txt", "it has a \"..\" path component"),
        ("a/../../b", "it has a \"..\" path component"),
        ("a/./b", "it has a \".\" path component"),
        ("dir\\file.txt", "it contains a backslash"),
        ("C:/Windows/x", "it contains a colon (drive letter or stream)"),
        ("bell\u{07}.txt", "it contains a control character"),
        ("line\nbreak", "it contains a control character"),
        ("nul\u{0}byte", "it contains a control character"),
        ("c1\u{85}.txt", "it contains a control character"),
        ("a//b", "it has an empty path component"),
        ("folder/", "it has an empty path component"),
        ("", "it is empty"),
    ])
    func rejectsUnsafeNames(name: String, reason: String) {
        var writer = ZipArchiveWriter()
        #expect(throws: ZipError.invalidEntryName(name, reason: reason)) {
            try writer.addEntry(named: name, data: Data())
        }
    }

    @Test func rejectsDuplicatesAndEmptyPasswords() throws {
        var writer = ZipArchiveWriter()
        try writer.addEntry(named: "a.txt", data: Data())
        #expect(throws: ZipError.duplicateEntry("a.txt")) { try writer.addEntry(named: "a.txt", data: Data()) }
        #expect(throws: ZipError.emptyPassword(entry: "b.txt")) { try writer.addEntry(named: "b.txt", data: Data(), password: "") }
    }

    @Test func errorsNameTheEntry() {
        #expect(ZipError.invalidEntryName("../x", reason: "it has a \"..\" path component").description
            == #"invalid zip entry name "../x": it has a ".." path component"#)
    }
}
