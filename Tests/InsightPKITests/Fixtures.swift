import Foundation
import InsightPKI
import InsightTestSupport

/// A root CA, an issuing CA under it, and helpers to issue leaves and hand files to the openssl CLI.
struct TestHierarchy {
    let root: CertificateAuthority
    let issuing: CertificateAuthority

    /// Both CAs with keys of `algorithm`.
    init(algorithm: KeyAlgorithm = .ecP256) throws {
        root = try CertificateAuthority.makeRoot(commonName: "Insight Test Root", privateKey: PrivateKey(generating: algorithm))
        issuing = try root.makeIntermediate(commonName: "Insight Test Issuing CA", privateKey: PrivateKey(generating: algorithm))
    }

    /// A fresh key of `algorithm` and a client certificate for it from the issuing CA.
    func issueLeaf(
        algorithm: KeyAlgorithm = .ecP256, commonName: String = "gateway-1", names: [SubjectAlternativeName] = []
    ) throws -> (key: PrivateKey, certificate: Certificate) {
        let key = try PrivateKey(generating: algorithm)
        let certificate = try issuing.issueCertificate(commonName: commonName, subjectAlternativeNames: names, publicKey: key.publicKey)
        return (key, certificate)
    }

    /// Writes root.pem and issuing.pem into `directory`.
    func writeCAs(to directory: URL) throws {
        try write(root.certificate.pemRepresentation(), to: directory, "root.pem")
        try write(issuing.certificate.pemRepresentation(), to: directory, "issuing.pem")
    }
}

/// Writes `text` to `directory/name` and returns the file's path.
@discardableResult
func write(_ text: String, to directory: URL, _ name: String) throws -> String {
    try write(Data(text.utf8), to: directory, name)
}

/// Writes `data` to `directory/name` and returns the file's path.
@discardableResult
func write(_ data: Data, to directory: URL, _ name: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try data.write(to: url)
    return url.path
}

/// Runs the openssl CLI with `args` in `directory` (relative file names resolve there).
func openssl(in directory: URL, _ args: String...) throws -> ToolResult {
    try runTool("sh", ["-c", "cd \"$0\" && exec openssl \"$@\"", directory.path] + args)
}
