import Foundation
@testable import InsightCore
import InsightTestSupport
import Testing

@Suite struct SealerTests {
    private func key(in folder: URL, named name: String = "master.key", text: String? = nil) throws -> MasterKey {
        let file = folder.appendingPathComponent(name)
        try (text ?? requireBase64Key()).write(to: file, atomically: true, encoding: .utf8)
        return try MasterKey.load(from: file)
    }

    /// 32 random bytes in base64, made by openssl as the README tells users to.
    private func requireBase64Key() throws -> String {
        let result = try runTool("openssl", ["rand", "-base64", "32"])
        try #require(result.status == 0)
        return result.stdoutText
    }

    @Test func opensWhatItSealedAndNothingElse() throws {
        let sealer = Sealer(dataKey: DataKey())
        let secret = Data("provisioning.json: token=abc".utf8)
        let sealed = try sealer.seal(secret, context: "package 1")
        #expect(Sealer.isSealed(sealed))
        #expect(sealed.range(of: secret) == nil)
        #expect(try sealer.open(sealed, context: "package 1") == secret)
        #expect(throws: SealingError.self, "a sealed value moved to another row") { try sealer.open(sealed, context: "package 2") }
        var altered = sealed
        altered[altered.count - 1] ^= 1
        #expect(throws: SealingError.self, "an altered value") { try sealer.open(altered, context: "package 1") }
        #expect(throws: SealingError.self, "another data key") { try Sealer(dataKey: DataKey()).open(sealed, context: "package 1") }
        #expect(try sealer.open(secret, context: "package 1") == secret, "a value from before sealing is returned as stored")
    }

    @Test func theDataKeyOpensOnlyWithTheMasterKeyItWasWrappedUnder() throws {
        try withTemporaryDirectory { folder in
            let master = try key(in: folder), other = try key(in: folder, named: "other.key")
            let dataKey = DataKey()
            let wrapped = try dataKey.wrapped(with: master)
            let sealed = try Sealer(dataKey: dataKey).seal(Data("x".utf8), context: "c")
            #expect(try Sealer(dataKey: DataKey(unwrapping: wrapped, with: master)).open(sealed, context: "c") == Data("x".utf8))
            #expect(throws: MasterKeyMismatch.self) { try DataKey(unwrapping: wrapped, with: other) }
            let rewrapped = try dataKey.wrapped(with: other)
            #expect(try Sealer(dataKey: DataKey(unwrapping: rewrapped, with: other)).open(sealed, context: "c") == Data("x".utf8), "rewrapped, the same data key")
        }
    }

    @Test func valuesSealedUnderTheMasterKeyBeforeEnvelopeEncryptionStillOpenWithIt() throws {
        try withTemporaryDirectory { folder in
            let master = try key(in: folder)
            let legacy = try Sealer.seal(Data("old package".utf8), under: master.sealingKey, prefix: Sealer.legacyPrefix, context: "package 1")
            #expect(!Sealer.isSealed(legacy), "not under the data key: rotation reseals it")
            #expect(try Sealer(dataKey: DataKey(), legacyKey: master).open(legacy, context: "package 1") == Data("old package".utf8))
            #expect(throws: SealingError.self, "without the master key") { try Sealer(dataKey: DataKey()).open(legacy, context: "package 1") }
        }
    }

    @Test func aKeyFileWithoutThirtyTwoBytesOfBase64IsRefusedNamingIt() throws {
        try withTemporaryDirectory { folder in
            for text in ["", "c2hvcnQ=", "not base64 at all !"] {
                do {
                    _ = try key(in: folder, named: "short.key", text: text)
                    Issue.record("'\(text)' was accepted")
                } catch let error as MasterKeyError {
                    #expect(error.description.contains("short.key"))
                    #expect(error.description.contains("openssl rand -base64 32"))
                }
            }
        }
    }

    @Test func theDataDirectoryKeepsOneKeyOfItsOwnReadableByItsOwnerOnly() throws {
        try withTemporaryDirectory { folder in
            let wrapped = try DataKey().wrapped(with: try MasterKey.loadOrCreate(inDataDirectory: folder))
            _ = try DataKey(unwrapping: wrapped, with: try MasterKey.loadOrCreate(inDataDirectory: folder))
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(MasterKey.defaultFileName).path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }
    }
}
