import Foundation
import InsightCore
import InsightPKI

/// The CA hierarchy in the data directory: one root for the installation and one issuing CA per
/// customer, created on first use.
///
/// ```
/// <data-dir>/pki/root-ca.pem, root-ca.key                      (key mode 0600)
/// <data-dir>/pki/root-crl.pem                                  (the root's CRL: empty)
/// <data-dir>/pki/customers/<customer>/issuing-ca.pem, .key     (key mode 0600)
/// <data-dir>/pki/customers/<customer>/crl.pem                  (the published CRL)
/// ```
/// Every CA has a CRL from its birth on (an empty one until something is revoked), since a
/// broker that checks CRLs refuses a certificate whose issuer has none.
/// Keys are PEM PKCS#8; they are never logged. A customer id that is not a plain
/// `[A-Za-z0-9_-]` string is replaced by its SHA-256 in paths, so no id can leave the folder.
actor CertificateAuthorityFiles {
    private let directory: URL
    private var root: CertificateAuthority?
    private var issuing: [String: CertificateAuthority] = [:]

    init(dataDirectory: URL) {
        self.directory = dataDirectory.appendingPathComponent("pki", isDirectory: true)
    }

    /// The customer's issuing CA and the root, loading or creating them.
    func chain(customerID: String) throws -> (issuing: CertificateAuthority, root: CertificateAuthority) {
        let root = try loadedRoot()
        if let cached = issuing[customerID] { return (cached, root) }
        let folder = customerFolder(customerID)
        let authority = try loadOrCreate(at: folder.appendingPathComponent("issuing-ca")) {
            try root.makeIntermediate(commonName: "Insight Gateway CA \(customerID.prefix(40))", privateKey: PrivateKey(generating: .ecP256))
        }
        try ensureRevocationList(at: folder.appendingPathComponent("crl.pem"), issuer: authority)
        issuing[customerID] = authority
        return (authority, root)
    }

    /// Where the customer's CRL is published.
    func crlFile(customerID: String) -> URL { customerFolder(customerID).appendingPathComponent("crl.pem") }

    /// The number of the customer's next CRL: greater than every number issued before
    /// (RFC 5280 §5.2.3), kept in `crl.number` beside the CRL.
    func nextCRLNumber(customerID: String, now: Date) throws -> Int {
        try nextCRLNumber(in: customerFolder(customerID), now: now)
    }

    /// The next number of the CRL kept in `folder` (`crl.number`).
    private func nextCRLNumber(in folder: URL, now: Date) throws -> Int {
        let file = folder.appendingPathComponent("crl.number")
        let previous = (try? String(contentsOf: file, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        let next = max(previous + 1, Int(now.timeIntervalSince1970))
        try Data(String(next).utf8).write(to: file, options: .atomic)
        return next
    }

    /// The root CA, loading or creating it.
    func rootAuthority() throws -> CertificateAuthority { try loadedRoot() }

    /// Every CA's current CRL as one PEM text: the root's, then each customer's, in folder order.
    /// A CA without a CRL (a data directory from before CRLs were written at birth) gets an empty one.
    func allRevocationListsPEM() throws -> String {
        let root = try loadedRoot()
        try ensureRevocationList(at: rootCRLFile, issuer: root)
        var pem = try String(contentsOf: rootCRLFile, encoding: .utf8)
        let customers = directory.appendingPathComponent("customers", isDirectory: true)
        let folders = (try? FileManager.default.contentsOfDirectory(at: customers, includingPropertiesForKeys: nil)) ?? []
        for folder in folders.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            let base = folder.appendingPathComponent("issuing-ca")
            guard FileManager.default.fileExists(atPath: base.appendingPathExtension("key").path) else { continue }
            let crl = folder.appendingPathComponent("crl.pem")
            if !FileManager.default.fileExists(atPath: crl.path) {
                try ensureRevocationList(at: crl, issuer: try loadOrCreate(at: base) { throw CocoaError(.fileNoSuchFile) })
            }
            pem += try String(contentsOf: crl, encoding: .utf8)
        }
        return pem
    }

    private var rootCRLFile: URL { directory.appendingPathComponent("root-crl.pem") }

    /// Writes an empty CRL of `issuer` at `file` unless one is there.
    private func ensureRevocationList(at file: URL, issuer: CertificateAuthority) throws {
        guard !FileManager.default.fileExists(atPath: file.path) else { return }
        let now = Date()
        let number = try nextCRLNumber(in: file.deletingLastPathComponent(), now: now)
        let crl = try CertificateRevocationList(issuer: issuer, revoked: [], number: number, lastUpdate: now, nextUpdate: now.addingTimeInterval(7 * 86_400))
        try Data(crl.pemRepresentation().utf8).write(to: file, options: .atomic)
    }

    private func loadedRoot() throws -> CertificateAuthority {
        if let root { return root }
        let loaded = try loadOrCreate(at: directory.appendingPathComponent("root-ca")) {
            try CertificateAuthority.makeRoot(commonName: "Insight Root CA", privateKey: PrivateKey(generating: .ecP256))
        }
        root = loaded
        return loaded
    }

    private func customerFolder(_ customerID: String) -> URL {
        let safe = !customerID.isEmpty && customerID.count <= 64
            && customerID.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_" }
        let name = safe ? customerID : Data(customerID.utf8).sha256Hex
        return directory.appendingPathComponent("customers", isDirectory: true).appendingPathComponent(name, isDirectory: true)
    }

    /// Reads `<base>.pem` and `<base>.key`, or makes a CA with `make` and writes both.
    private func loadOrCreate(at base: URL, make: () throws -> CertificateAuthority) throws -> CertificateAuthority {
        let certificateFile = base.appendingPathExtension("pem")
        let keyFile = base.appendingPathExtension("key")
        if FileManager.default.fileExists(atPath: keyFile.path) {
            return try CertificateAuthority(
                certificate: Certificate(pemRepresentation: String(contentsOf: certificateFile, encoding: .utf8)),
                privateKey: PrivateKey(pemRepresentation: String(contentsOf: keyFile, encoding: .utf8))
            )
        }
        let authority = try make()
        try FileManager.default.createDirectory(at: base.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try SecretFile.write(Data(authority.privateKey.pemRepresentation().utf8), to: keyFile)
        try Data(authority.certificate.pemRepresentation().utf8).write(to: certificateFile, options: .atomic)
        return authority
    }
}
