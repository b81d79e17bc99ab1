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
        try ensureRevocationList(at: crlFile(customerID: customerID), issuer: authority)
        issuing[customerID] = authority
        return (authority, root)
    }

    /// Where the customer's CRL is published.
    private func crlFile(customerID: String) -> URL { customerFolder(customerID).appendingPathComponent("crl.pem") }

    /// The number of the next CRL kept in `folder` (`crl.number`): greater than every number
    /// issued there before (RFC 5280 §5.2.3).
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
    /// A CA without a CRL (a data directory from before CRLs were written at birth) gets an empty
    /// one. At most once an hour, CRLs whose nextUpdate is less than 3 days away are signed anew
    /// with the same entries: a broker holding an expired CRL refuses every certificate of its CA.
    func allRevocationListsPEM(now: Date = Date()) throws -> String {
        let root = try loadedRoot()
        let renewing = freshnessCheckedAt.map { now.timeIntervalSince($0) > 3600 } ?? true
        if renewing { freshnessCheckedAt = now }
        var lists: [(file: URL, issuerBase: URL?)] = [(rootCRLFile, nil)]
        let customers = directory.appendingPathComponent("customers", isDirectory: true)
        let folders = (try? FileManager.default.contentsOfDirectory(at: customers, includingPropertiesForKeys: nil)) ?? []
        for folder in folders.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            let base = folder.appendingPathComponent("issuing-ca")
            guard FileManager.default.fileExists(atPath: base.appendingPathExtension("key").path) else { continue }
            lists.append((folder.appendingPathComponent("crl.pem"), base))
        }
        var pem = ""
        for (file, issuerBase) in lists {
            let issuer = { try issuerBase.map { try self.loadOrCreate(at: $0) { throw CocoaError(.fileNoSuchFile) } } ?? root }
            if !FileManager.default.fileExists(atPath: file.path) {
                try writeRevocationList(at: file, issuer: issuer(), revoked: [], now: now)
            } else if renewing {
                let current = try CertificateRevocationList(pemRepresentation: String(contentsOf: file, encoding: .utf8))
                if let next = current.nextUpdate, next.timeIntervalSince(now) < Self.renewalMargin {
                    try writeRevocationList(at: file, issuer: issuer(), revoked: current.revokedCertificates(), now: now)
                }
            }
            pem += try String(contentsOf: file, encoding: .utf8)
        }
        return pem
    }

    /// Publishes the customer's CRL listing `revoked`; returns it as PEM.
    func publishRevocationList(customerID: String, revoked: [RevokedCertificate], now: Date = Date()) throws -> String {
        let (issuing, _) = try chain(customerID: customerID)
        return try writeRevocationList(at: crlFile(customerID: customerID), issuer: issuing, revoked: revoked, now: now)
    }

    /// How long CRLs are valid (their nextUpdate), and how long before that they are renewed.
    static let revocationListLifetime: TimeInterval = 7 * 86_400
    static let renewalMargin: TimeInterval = 3 * 86_400

    private var freshnessCheckedAt: Date?

    private var rootCRLFile: URL { directory.appendingPathComponent("root-crl.pem") }

    /// Writes an empty CRL of `issuer` at `file` unless one is there.
    private func ensureRevocationList(at file: URL, issuer: CertificateAuthority) throws {
        guard !FileManager.default.fileExists(atPath: file.path) else { return }
        try writeRevocationList(at: file, issuer: issuer, revoked: [], now: Date())
    }

    /// Signs a CRL of `issuer` listing `revoked`, with the next number of its folder, and writes it at `file`.
    @discardableResult
    private func writeRevocationList(at file: URL, issuer: CertificateAuthority, revoked: [RevokedCertificate], now: Date) throws -> String {
        let crl = try CertificateRevocationList(
            issuer: issuer, revoked: revoked, number: try nextCRLNumber(in: file.deletingLastPathComponent(), now: now),
            lastUpdate: now, nextUpdate: now.addingTimeInterval(Self.revocationListLifetime)
        )
        let pem = try crl.pemRepresentation()
        try Data(pem.utf8).write(to: file, options: .atomic)
        return pem
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
