import Foundation
import InsightCore
import InsightPKI

/// The CA hierarchy in the database's shared state: one root for the installation and one issuing
/// CA per customer, made on first use by whichever process needs it first; every process on the
/// database uses the same ones.
///
/// With a key in a PKCS#11 token (`issuingKeyInToken`, `--ca-key`), every issuing CA made from
/// then on has that key: the token signs gateway certificates and the issuing CAs' CRLs, and the
/// database keeps only their certificates. (Customers' issuing CAs then share one key, each with
/// a name of its own; CAs made before keep their own keys.)
///
/// CAs are kept sealed (`SharedStateName.rootAuthority`, `issuingAuthority(customerID:)`); CRLs
/// in clear, each stored with its number as version, so that the stored CRL is always the one
/// with the highest number. Every CA has a CRL from its birth on (an empty one until something
/// is revoked), since a broker that checks CRLs refuses a certificate whose issuer has none.
actor CertificateAuthorityVault {
    private let secrets: SharedSecrets
    private let issuingKeyInToken: PrivateKey?
    private var root: CertificateAuthority?
    private var issuing: [String: CertificateAuthority] = [:]
    private var freshnessCheckedAt: Date?

    init(secrets: SharedSecrets, issuingKeyInToken: PrivateKey? = nil) {
        self.secrets = secrets
        self.issuingKeyInToken = issuingKeyInToken
    }

    /// How long CRLs are valid (their nextUpdate), and how long before that they are renewed.
    static let revocationListLifetime: TimeInterval = 7 * 86_400
    static let renewalMargin: TimeInterval = 3 * 86_400

    /// The root CA, loading or making it.
    func rootAuthority() async throws -> CertificateAuthority {
        if let root { return root }
        let loaded = try await authority(named: SharedStateName.rootAuthority) {
            try StoredAuthority(CertificateAuthority.makeRoot(commonName: "Insight Root CA", privateKey: PrivateKey(generating: .ecP256)))
        }
        try await ensureRevocationList(of: SharedStateName.rootAuthority, issuer: loaded)
        root = loaded
        return loaded
    }

    /// The customer's issuing CA and the root, loading or making them.
    func chain(customerID: String) async throws -> (issuing: CertificateAuthority, root: CertificateAuthority) {
        let root = try await rootAuthority()
        if let cached = issuing[customerID] { return (cached, root) }
        let name = SharedStateName.issuingAuthority(customerID: customerID)
        let tokenKey = issuingKeyInToken
        let authority = try await authority(named: name) {
            let commonName = "Insight Gateway CA \(customerID.prefix(40))"
            guard let tokenKey else { return try StoredAuthority(root.makeIntermediate(commonName: commonName, privateKey: PrivateKey(generating: .ecP256))) }
            return try StoredAuthority(root.makeIntermediate(commonName: commonName, privateKey: tokenKey), keyIsInToken: true)
        }
        try await ensureRevocationList(of: name, issuer: authority)
        issuing[customerID] = authority
        return (authority, root)
    }

    /// Signs and stores a CRL of the customer's issuing CA listing what `revoked` returns, and
    /// returns the stored CRL (PEM). `revoked` is read after the CRL's number is drawn, so that
    /// of CRLs published concurrently by several processes the one with the highest number, the
    /// one that stays, lists every revocation made before any of them.
    func publishRevocationList(customerID: String, revoked: @Sendable () async throws -> [RevokedCertificate], now: Date = Date()) async throws -> String {
        let (issuing, _) = try await chain(customerID: customerID)
        return try await publish(of: SharedStateName.issuingAuthority(customerID: customerID), issuer: issuing, revoked: revoked, now: now)
    }

    /// Every CA's current CRL as one PEM text: the root's, then each customer's, by name. At most
    /// once an hour, CRLs whose nextUpdate is less than 3 days away are signed anew with the same
    /// entries: a broker holding an expired CRL refuses every certificate of its CA. Two queries
    /// however many CAs (the broker's supervisor asks every second).
    func allRevocationListsPEM(now: Date = Date()) async throws -> String {
        _ = try await rootAuthority()
        let renewing = freshnessCheckedAt.map { now.timeIntervalSince($0) > 3600 } ?? true
        if renewing { freshnessCheckedAt = now }
        let issuingNames = try await secrets.state.sharedValueNames(prefix: SharedStateName.issuingAuthorityPrefix)
        let lists = try await secrets.state.sharedValues(prefix: SharedStateName.revocationListPrefix)
        var pem = ""
        for name in [SharedStateName.rootAuthority] + issuingNames {
            guard let stored = lists[SharedStateName.revocationList(of: name)] else {
                pem += try await publish(of: name, issuer: authority(named: name), revoked: { [] }, now: now)
                continue
            }
            let text = String(decoding: stored, as: UTF8.self)
            guard renewing else {
                pem += text
                continue
            }
            let current = try CertificateRevocationList(pemRepresentation: text)
            if let next = current.nextUpdate, next.timeIntervalSince(now) < Self.renewalMargin {
                let entries = try current.revokedCertificates()
                pem += try await publish(of: name, issuer: authority(named: name), revoked: { entries }, now: now)
            } else {
                pem += text
            }
        }
        return pem
    }

    /// Writes an empty CRL of the CA named `name` unless one is stored.
    private func ensureRevocationList(of name: String, issuer: CertificateAuthority) async throws {
        guard try await secrets.state.sharedValue(named: SharedStateName.revocationList(of: name)) == nil else { return }
        _ = try await publish(of: name, issuer: issuer, revoked: { [] }, now: Date())
    }

    /// Draws the CA's next CRL number (greater than every one drawn before, RFC 5280 §5.2.3, and
    /// at least the Unix time), signs a CRL listing `revoked` with it, stores it unless one with
    /// a higher number is stored, and returns the stored one.
    private func publish(of name: String, issuer: CertificateAuthority, revoked: @Sendable () async throws -> [RevokedCertificate], now: Date) async throws -> String {
        let number = try await secrets.state.nextCounterValue(named: SharedStateName.revocationListNumber(of: name), atLeast: Int64(now.timeIntervalSince1970))
        let crl = try CertificateRevocationList(
            issuer: issuer, revoked: try await revoked(), number: Int(number),
            lastUpdate: now, nextUpdate: now.addingTimeInterval(Self.revocationListLifetime)
        )
        let listName = SharedStateName.revocationList(of: name)
        let pem = try crl.pemRepresentation()
        // Only a concurrent process's CRL with a higher number keeps ours out: read that one then.
        guard try await !secrets.state.storeSharedValue(Data(pem.utf8), named: listName, ifNewerThanStored: number) else { return pem }
        guard let stored = try await secrets.state.sharedValue(named: listName) else { throw PKIError.invalidArgument(reason: "the CRL \(listName) vanished") }
        return String(decoding: stored, as: UTF8.self)
    }

    /// The CA stored under `name`; made with `make` when missing (the first process wins).
    private func authority(
        named name: String, make: @escaping @Sendable () throws -> StoredAuthority = { throw PKIError.invalidArgument(reason: "no CA is stored") }
    ) async throws -> CertificateAuthority {
        let stored = try await secrets.secret(named: name) { try make().encoded() }
        return try StoredAuthority(decoding: stored).authority(named: name, tokenKey: issuingKeyInToken)
    }
}
