import Foundation
import InsightCore
import InsightOpenAPI
import InsightWireMapping
import OpenAPIRuntime

extension APIHandlers {
    func prepareProvisioning(_ input: Operations.PrepareProvisioning.Input) async throws -> Operations.PrepareProvisioning.Output {
        let prepared = try await provisioning.prepare(try RequestPrincipal.required(), customerID: input.path.customerId, gatewayID: input.path.gatewayId)
        metrics.gatewaysProvisioned(1)
        await audit.record(.gatewayProvisioned, customerID: input.path.customerId, targets: [AuditEvent.gateway(prepared.gateway.id)], details: "prepare-provisioning")
        return .ok(.init(body: .json(.init(registrationPath: ProvisioningSettings.registrationPath, token: prepared.token.value))))
    }

    func redeemProvisioningToken(_ input: Operations.RedeemProvisioningToken.Input) async throws -> Operations.RedeemProvisioningToken.Output {
        guard case .json(let body) = input.body else { throw InsightError.badRequest("The body must be JSON.") }
        let redemption = try await provisioning.redeem(token: body.token)
        metrics.tokenRedeemed()
        await audit.record(.tokenRedeemed, customerID: redemption.gateway.customerID, targets: [AuditEvent.gateway(redemption.gateway.id)])
        return .ok(.init(body: .json(.init(
            mqttEndpoint: redemption.mqttEndpoint, mqttTopicPrefix: redemption.mqttTopicPrefix,
            certificateCommonName: redemption.certificateCommonName, gateway: .init(redemption.gateway, at: clock.now()),
            pkcs12: redemption.pkcs12.base64EncodedString()
        ))))
    }

    func createProvisioningPackage(_ input: Operations.CreateProvisioningPackage.Input) async throws -> Operations.CreateProvisioningPackage.Output {
        guard case .json(let body) = input.body else { throw InsightError.badRequest("The body must be JSON.") }
        let references = try body.gateways.enumerated().map { index, reference -> ProvisioningService.GatewayReference in
            if let id = reference.gatewayId { return .id(id) }
            if let name = reference.gatewayName { return .name(name) }
            throw InsightError.badRequest("gateways[\(index)] needs gateway_id or gateway_name.")
        }
        let request = ProvisioningService.PackageRequest(
            gateways: references, wifi: body.wifi.map(WiFiCredentials.init), password: body.packagePassword,
            allowUnencryptedSecrets: body.allowUnencrypted ?? false
        )
        let prepared = try await provisioning.createPackages(try RequestPrincipal.required(), customerID: input.path.customerId, request: request)
        metrics.gatewaysProvisioned(prepared.count)
        await audit.record(
            .gatewayProvisioned, customerID: input.path.customerId, targets: prepared.map { AuditEvent.gateway($0.gateway.id) },
            details: "create-provisioning-package"
        )
        let links = prepared.map {
            Components.Schemas.ProvisioningPackageUrl(
                gatewayId: $0.gateway.thingName, packageUrl: $0.packageURL,
                qrPayload: provisioning.settings.qrPayload(for: $0.token), tokenExpiresAt: $0.expiresAt.rawValue
            )
        }
        return .ok(.init(body: .json(.init(gateways: links))))
    }

    func generateDownloadUrl(_ input: Operations.GenerateDownloadUrl.Input) async throws -> Operations.GenerateDownloadUrl.Output {
        guard case .json(let body) = input.body else { throw InsightError.badRequest("The body must be JSON.") }
        let url = try await provisioning.packageURL(try RequestPrincipal.required(), customerID: input.path.customerId, gatewayID: body.gatewayId)
        return .ok(.init(body: .json(.init(gatewayId: body.gatewayId, packageUrl: url))))
    }

    func downloadPackage(_ input: Operations.DownloadPackage.Input) async throws -> Operations.DownloadPackage.Output {
        let package = try await provisioning.download(packageID: input.path.packageId, expires: input.query.expires, signature: input.query.signature)
        return .ok(.init(
            headers: .init(contentDisposition: ContentDisposition.attachment(fileName: package.fileName)),
            body: .applicationZip(HTTPBody(package.data))
        ))
    }

    func reissueGateway(_ input: Operations.ReissueGateway.Input) async throws -> Operations.ReissueGateway.Output {
        let options: Components.Schemas.ReissueRequest? = if case .json(let body) = input.body { body } else { nil }
        let request = ProvisioningService.PackageRequest(
            gateways: [], wifi: options?.wifi.map(WiFiCredentials.init), password: options?.packagePassword,
            allowUnencryptedSecrets: options?.allowUnencrypted ?? false
        )
        let prepared = try await provisioning.reissue(try RequestPrincipal.required(), customerID: input.path.customerId, gatewayID: input.path.gatewayId, packaging: request)
        metrics.gatewayReissued()
        await audit.record(
            .gatewayReissued, customerID: input.path.customerId, targets: [AuditEvent.gateway(prepared.gateway.id)],
            details: "revoked \(prepared.revokedSerials.joined(separator: ", "))"
        )
        return .ok(.init(body: .json(.init(
            registrationPath: ProvisioningSettings.registrationPath, packageUrl: prepared.packageURL ?? "",
            token: prepared.token.value, tokenExpiresAt: prepared.expiresAt.rawValue, revokedSerials: prepared.revokedSerials
        ))))
    }

    func getCertificateRevocationList(_ input: Operations.GetCertificateRevocationList.Input) async throws -> Operations.GetCertificateRevocationList.Output {
        let pem = try await provisioning.revocationList(try RequestPrincipal.required(), customerID: input.path.customerId)
        // PEM wins ties (and answers a request without Accept).
        let type = ContentNegotiation.preferred(input.headers.accept, among: [.applicationXPemFile, .applicationPkixCrl])
        guard type == .applicationPkixCrl else { return .ok(.init(body: .applicationXPemFile(HTTPBody(pem)))) }
        return .ok(.init(body: .applicationPkixCrl(HTTPBody(try PEM.der(pem)))))
    }
}

/// The DER bytes inside a PEM document.
enum PEM {
    static func der(_ pem: String) throws -> Data {
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let data = Data(base64Encoded: body) else { throw InsightError.internalError("The CRL is not valid PEM.") }
        return data
    }
}
