import Foundation
import InsightCore
import Testing

@Suite struct SecretFileTests {
    @Test func secretsAreWrittenForTheOwnerOnlyAndReplacedWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("keys/signing-key.pem")
        try SecretFile.write(Data("first".utf8), to: file)
        try SecretFile.write(Data("second".utf8), to: file)
        #expect(try Data(contentsOf: file) == Data("second".utf8))
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: file.deletingLastPathComponent().path)
        #expect((folderAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["signing-key.pem"], "no temporary file left")
    }

    @Test func aFailedReplaceNamesTheFileAndLeavesNothing() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString)/file")
        let error = #expect(throws: CocoaError.self) { try AtomicFile.replace(missing, with: Data("x".utf8), permissions: 0o644, durable: false) }
        #expect(error?.code == .fileNoSuchFile)
        #expect((error?.userInfo[NSFilePathErrorKey] as? String) == missing.path)
    }
}
