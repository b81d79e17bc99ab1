import Foundation

/// The provisioning use cases: prepare, redeem, build packages and their links, reissue (device
/// swap) and the revocation list.
public struct ProvisioningService: Sendable {
    /// Names a gateway in a package request.
    public enum GatewayReference: Sendable, Equatable {
        case id(String)
        case name(String)
    }

    /// What a package request asks for.
    public struct PackageRequest: Sendable {
        public var gateways: [GatewayReference]
        public var wifi: WiFiCredentials?
        /// Encrypts every entry (AES-256) when given.
        public var password: String?
        /// Allows a WiFi password to be written without a package password.
        public var allowUnencryptedSecrets: Bool

        public init(gateways: [GatewayReference], wifi: WiFiCredentials? = nil, password: String? = nil, allowUnencryptedSecrets: Bool = false) {
            self.gateways = gateways
            self.wifi = wifi
            self.password = password
            self.allowUnencryptedSecrets = allowUnencryptedSecrets
        }
    }

    /// A fresh token for a gateway.
    public struct Prepared: Sendable {
        public let gateway: Gateway
        public let token: ProvisioningToken
        public let expiresAt: Timestamp
        public let packageURL: String?
        public let revokedSerials: [String]
    }

    /// What a redeemed token unlocks.
    public struct Redemption: Sendable {
        public let gateway: Gateway
        public let pkcs12: Data
        public let certificateCommonName: String
        public let mqttEndpoint: String
        public let mqttTopicPrefix: String
    }

    private let gateways: any GatewayStore
    private let store: any ProvisioningStore
    private let authority: any CredentialAuthority
    private let assembler: any PackageAssembler
    /// Signs the links of `GET /packages/{id}`; `forCollection` gives other downloads the same key.
    public let linkSigner: DownloadLinkSigner
    public let settings: ProvisioningSettings
    private let clock: any Clock

    public init(
        gateways: any GatewayStore, store: any ProvisioningStore, authority: any CredentialAuthority,
        assembler: any PackageAssembler, linkSigner: DownloadLinkSigner, settings: ProvisioningSettings, clock: any Clock = SystemClock()
    ) {
        self.gateways = gateways
        self.store = store
        self.authority = authority
        self.assembler = assembler
        self.linkSigner = linkSigner
        self.settings = settings
        self.clock = clock
    }

    /// Mints the gateway's certificate and a one-time token. Once per gateway.
    ///
    /// - Throws: `notFound`; `conflict` when the gateway was provisioned before (use `reissue`).
    public func prepare(_ principal: Principal, customerID: String, gatewayID: String) async throws -> Prepared {
        try principal.authorize(.provisioningWrite, in: customerID)
        let gateway = try await existingGateway(gatewayID, customerID: customerID)
        try Self.requireUnprovisioned(gateway)
        return try await provision([gateway], packaging: nil)[0]
    }

    /// Redeems `presented` exactly once.
    ///
    /// - Throws: the same `forbidden` for an unknown, expired, used or voided token, so that a
    ///   caller learns nothing about which.
    public func redeem(token presented: String) async throws -> Redemption {
        let refused = InsightError.forbidden("The provisioning token is not valid: it is unknown, expired or already used.")
        guard let record = try await store.redeemToken(hash: ProvisioningToken.hash(of: presented), at: clock.now()),
              let gateway = try await gateways.gateway(id: record.gatewayID, customerID: record.customerID)
        else { throw refused }
        return Redemption(
            gateway: gateway, pkcs12: record.pkcs12, certificateCommonName: gateway.thingName,
            mqttEndpoint: settings.mqttEndpoint, mqttTopicPrefix: settings.mqttTopicPrefix(customerID: record.customerID)
        )
    }

    /// Provisions every referenced gateway and builds its package, all or nothing.
    ///
    /// - Throws: `badRequest` for a reference without id or name, a gateway named twice, or WiFi
    ///   secrets without a package password; `notFound` for an unknown gateway; `conflict` for one
    ///   already provisioned. Each names the entry (`gateways[i]`).
    public func createPackages(_ principal: Principal, customerID: String, request: PackageRequest) async throws -> [Prepared] {
        try principal.authorize(.provisioningWrite, in: customerID)
        try Self.checkPackaging(request)
        guard (1...GatewayService.maximumBulkSize).contains(request.gateways.count) else {
            throw InsightError.badRequest("gateways must hold 1 to \(GatewayService.maximumBulkSize) entries; it holds \(request.gateways.count).")
        }
        var ids: [UUID] = []
        var names: [String] = []
        for reference in request.gateways {
            switch reference {
            case .id(let id): if let uuid = UUID(text: id) { ids.append(uuid) }
            case .name(let name): names.append(name)
            }
        }
        let byID = try await gateways.gateways(ids: ids, customerID: customerID)
        let named = try await gateways.gateways(named: names, customerID: customerID)
        let byName = Dictionary(named.map { (Array($0.name.utf8), $0) }, uniquingKeysWith: { first, _ in first })
        var resolved: [Gateway] = []
        var seen: [UUID: Int] = [:]
        for (index, reference) in request.gateways.enumerated() {
            let gateway: Gateway
            switch reference {
            case .id(let id):
                guard let found = UUID(text: id).flatMap({ byID[$0] }) else {
                    throw InsightError.notFound("gateways[\(index)].gateway_id '\(id.prefix(64))' is not a gateway of this customer.")
                }
                gateway = found
            case .name(let name):
                guard let found = byName[Array(name.utf8)] else {
                    throw InsightError.notFound("gateways[\(index)].gateway_name '\(name.prefix(256))' is not a gateway of this customer.")
                }
                gateway = found
            }
            if let first = seen[gateway.id] {
                throw InsightError.badRequest("gateways[\(index)] names the same gateway as gateways[\(first)].")
            }
            seen[gateway.id] = index
            do { try Self.requireUnprovisioned(gateway) } catch let error as InsightError {
                throw InsightError.conflict("gateways[\(index)]: \(error.details)")
            }
            resolved.append(gateway)
        }
        return try await provision(resolved, packaging: request)
    }

    /// A new 5-minute link to the gateway's newest package.
    public func packageURL(_ principal: Principal, customerID: String, gatewayID: String) async throws -> String {
        try principal.authorize(.provisioningWrite, in: customerID)
        let gateway = try await existingGateway(gatewayID, customerID: customerID)
        guard let package = try await store.latestPackage(gatewayID: gateway.id, customerID: customerID) else {
            throw InsightError.notFound("Gateway '\(gatewayID)' has no provisioning package; create one with create-provisioning-package.")
        }
        guard !package.isPurged else { throw Self.purged(gatewayID) }
        return link(to: package)
    }

    /// The package behind a signed link.
    ///
    /// - Throws: `forbidden` for a bad signature or an expired link; `notFound` for an unknown package.
    public func download(packageID: String, expires: Int64, signature: String) async throws -> PackageRecord {
        let expiry = Timestamp(rawValue: expires)
        guard let id = UUID(text: packageID), linkSigner.isValid(signature: signature, id: id, expires: expiry) else {
            throw InsightError.forbidden("The download link is not valid.")
        }
        guard clock.now() <= expiry else { throw InsightError.forbidden("The download link has expired; request a new one.") }
        guard let package = try await store.package(id: id) else { throw InsightError.notFound("The package no longer exists.") }
        guard !package.isPurged else { throw Self.purged(package.gatewayID.lowercasedString) }
        return package
    }

    /// Device swap: revokes the gateway's certificates, voids its open tokens, and issues a new
    /// certificate, token and package. The gateway keeps its id, name, station and usecase.
    ///
    /// The new package keeps what the current one had, and since the server keeps neither WiFi
    /// passwords nor package passwords, the request must bring them again.
    ///
    /// - Throws: `conflict` when the gateway was never provisioned; `badRequest` when the current
    ///   package carries WiFi and the request none, or is encrypted and the request gives no
    ///   `package_password` (nor `allow_unencrypted: true`).
    public func reissue(_ principal: Principal, customerID: String, gatewayID: String, packaging: PackageRequest) async throws -> Prepared {
        try principal.authorize(.provisioningWrite, in: customerID)
        try Self.checkPackaging(packaging)
        let gateway = try await existingGateway(gatewayID, customerID: customerID)
        let active = try await store.activeCertificates(gatewayID: gateway.id, customerID: customerID)
        guard gateway.isProvisioned, !active.isEmpty else {
            throw InsightError.conflict("Gateway '\(gateway.name)' has no certificate to replace; provision it first.")
        }
        try await checkReissueQuota(customerID: customerID)
        if let current = try await store.latestPackage(gatewayID: gateway.id, customerID: customerID) {
            if current.carriesWiFi, packaging.wifi == nil {
                throw InsightError.badRequest("The current package of gateway '\(gateway.name)' carries WiFi settings, which the server does not keep: give wifi, so that the new package does not lose them.")
            }
            if current.encrypted, packaging.password == nil, !packaging.allowUnencryptedSecrets {
                throw InsightError.badRequest("The current package of gateway '\(gateway.name)' is encrypted: give package_password (or allow_unencrypted: true to write the new one unencrypted on purpose).")
            }
        }
        return try await provision([gateway], packaging: packaging, revoking: [gateway.id: active.map(\.serial)])[0]
    }

    /// Drops the zips of packages whose tokens have expired at `now` (`tokenLifetime` after they
    /// were built): they open nothing any more, and stored they would only be something to
    /// steal. Returns how many it dropped.
    @discardableResult
    public func purgeExpiredPackages(at now: Timestamp) async throws -> Int {
        try await store.purgePackageData(createdBefore: Timestamp(now.date.addingTimeInterval(-settings.tokenLifetime)))
    }

    /// - Throws: `tooManyRequests` when the customer made `maximumReissuesPerDay` reissues in
    ///   the last 24 hours, saying when the next is possible.
    private func checkReissueQuota(customerID: String) async throws {
        let day: Int64 = 86_400_000
        let now = clock.now().rawValue
        let recent = try await store.revokedCertificates(customerID: customerID).filter { ($0.revokedAt?.rawValue ?? 0) > now - day }
        // A reissue revokes every active certificate of its gateway at one moment.
        let reissues = Set(recent.map { "\($0.gatewayID) \($0.revokedAt?.rawValue ?? 0)" })
        guard reissues.count >= settings.maximumReissuesPerDay else { return }
        let oldest = recent.compactMap(\.revokedAt?.rawValue).min() ?? now
        let seconds = Int(max(1, (oldest + day - now + 999) / 1000))
        throw InsightError.tooManyRequests(
            "The customer made \(reissues.count) reissues in the last 24 hours, its quota (insight serve --max-reissues-per-day); the next is possible in \(seconds) s.",
            retryAfterSeconds: seconds
        )
    }

    private static func purged(_ gatewayID: String) -> InsightError {
        InsightError.notFound("The package of gateway '\(gatewayID)' expired with its token and was deleted; reissue the gateway for a new one.")
    }

    /// The customer's CRL (PEM), listing every revoked gateway certificate.
    public func revocationList(_ principal: Principal, customerID: String) async throws -> String {
        try principal.authorize(.gatewaysRead, in: customerID)
        return try await publishRevocationList(customerID: customerID)
    }

    // MARK: Shared steps

    /// Publishes the customer's CRL listing every revoked certificate the store holds.
    private func publishRevocationList(customerID: String) async throws -> String {
        let store = self.store
        return try await authority.publishRevocationList(customerID: customerID) { try await store.revokedCertificates(customerID: customerID) }
    }

    /// Issues credentials (concurrently, on every core) and packages, then stores all at once.
    private func provision(_ targets: [Gateway], packaging: PackageRequest?, revoking: [UUID: [String]] = [:]) async throws -> [Prepared] {
        let now = clock.now()
        let expiresAt = Timestamp(now.date.addingTimeInterval(settings.tokenLifetime))
        let chain = packaging == nil ? "" : try await authority.chainPEM(customerID: targets[0].customerID)
        let built = try await targets.concurrentMap { gateway in
            try await self.provisionOne(gateway, now: now, expiresAt: expiresAt, chainPEM: chain, packaging: packaging, revoking: revoking[gateway.id] ?? [])
        }
        try await store.recordProvisioning(built.map(\.record), at: now)
        if !revoking.isEmpty {
            _ = try await publishRevocationList(customerID: targets[0].customerID)
        }
        return built.map { item in
            Prepared(
                gateway: item.record.gateway, token: item.token, expiresAt: expiresAt,
                packageURL: item.record.package.map(link(to:)), revokedSerials: item.record.revokedSerials
            )
        }
    }

    private func provisionOne(
        _ gateway: Gateway, now: Timestamp, expiresAt: Timestamp, chainPEM: String, packaging: PackageRequest?, revoking: [String]
    ) async throws -> (record: ProvisioningRecord, token: ProvisioningToken) {
        let token = ProvisioningToken.generate()
        let credentials = try await authority.issueCredentials(for: gateway, password: token.value)
        var updated = gateway
        updated.isProvisioned = true
        updated.lastUpdated = max(now, gateway.lastUpdated)
        updated.version += 1
        let package = try packaging.map { request in
            let contents = PackageContents(
                gateway: updated, builtAt: now, token: token, tokenExpiresAt: expiresAt, registrationURL: settings.registrationURL,
                qrPayload: settings.qrPayload(for: token), mqttEndpoint: settings.mqttEndpoint,
                mqttTopicPrefix: settings.mqttTopicPrefix(customerID: gateway.customerID), chainPEM: chainPEM, wifi: request.wifi
            )
            let data = try assembler.assemble(contents, password: request.password)
            return PackageRecord(
                id: UUID(), customerID: gateway.customerID, gatewayID: gateway.id, created: now,
                fileName: "\(gateway.thingName).zip", sha256: data.sha256Hex, data: data,
                encrypted: request.password != nil, carriesWiFi: request.wifi != nil
            )
        }
        let record = ProvisioningRecord(
            gateway: updated,
            token: TokenRecord(
                tokenHash: token.hash, customerID: gateway.customerID, gatewayID: gateway.id, created: now,
                expiresAt: expiresAt, pkcs12: credentials.pkcs12, certificateSerial: credentials.serial
            ),
            certificate: CertificateRecord(
                serial: credentials.serial, customerID: gateway.customerID, gatewayID: gateway.id,
                commonName: credentials.commonName, issued: now, notAfter: credentials.notAfter
            ),
            package: package, revokedSerials: revoking
        )
        return (record, token)
    }

    private func link(to package: PackageRecord) -> String {
        let expires = Timestamp(clock.now().date.addingTimeInterval(settings.packageLinkLifetime))
        return settings.publicURL + linkSigner.path(id: package.id, expires: expires)
    }

    private func existingGateway(_ gatewayID: String, customerID: String) async throws -> Gateway {
        guard let id = UUID(text: gatewayID), let gateway = try await gateways.gateway(id: id, customerID: customerID) else {
            throw InsightError.notFound("There is no gateway '\(gatewayID.prefix(64))' in this customer.")
        }
        return gateway
    }

    private static func requireUnprovisioned(_ gateway: Gateway) throws {
        guard !gateway.isProvisioned else {
            throw InsightError.conflict("Gateway '\(gateway.name)' is already provisioned; use reissue to replace its certificate.")
        }
    }

    /// WiFi passwords are never written unencrypted unless asked for explicitly.
    private static func checkPackaging(_ request: PackageRequest) throws {
        if let password = request.password, password.isEmpty {
            throw InsightError.badRequest("package_password must not be empty.")
        }
        if let wifi = request.wifi {
            if let problem = TextFieldRule.problem(in: wifi.ssid, field: "wifi.ssid") { throw InsightError.badRequest(problem) }
            let hasSecret = !(wifi.password ?? "").isEmpty
            if hasSecret, request.password == nil, !request.allowUnencryptedSecrets {
                throw InsightError.badRequest("wifi.password needs a package_password to encrypt the package (or allow_unencrypted: true to write it in clear text).")
            }
        }
    }
}
