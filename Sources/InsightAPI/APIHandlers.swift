import InsightCore
import InsightOpenAPI

/// The generated server protocol, implemented by thin handlers: each one reads the principal,
/// converts the generated input to core types, calls one use case and converts the result back.
/// Errors are thrown as `InsightError` and rendered by `ErrorMiddleware`.
struct APIHandlers: APIProtocol {
    let gateways: GatewayService
    let provisioning: ProvisioningService
}
