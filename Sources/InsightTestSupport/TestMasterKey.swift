import Foundation

/// The master key of every test: tests on the shared PostgreSQL test database are, to it, many
/// instances on one database, which must share one master key as a deployment's instances do. A
/// fixed key (it seals test data only), written once per test process to a temporary file.
public enum TestMasterKey {
    /// A file holding the key in base64, as `--master-key-file` takes it.
    public static let file: URL = {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("insight-test-master-key-\(ProcessInfo.processInfo.processIdentifier).b64")
        let key = Data("insight-test-suite-master-key-32".utf8).base64EncodedString()
        FileManager.default.createFile(atPath: file.path, contents: Data((key + "\n").utf8), attributes: [.posixPermissions: 0o600])
        return file
    }()
}
