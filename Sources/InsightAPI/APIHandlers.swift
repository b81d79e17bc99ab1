import InsightCore
import InsightOpenAPI
import InsightProvisioning

/// The generated server protocol, implemented whole by thin handlers (one file per area): each
/// reads the principal, converts the generated input to core types (`InsightWireMapping`), calls
/// one use case and converts the result back. Errors are thrown as `InsightError` and rendered
/// by `ErrorMiddleware`.
struct APIHandlers: APIProtocol {
    let gateways: GatewayService
    let provisioning: ProvisioningService
    let jobConfigs: JobConfigService
    let deviceConfigs: DeviceConfigService
    let users: UserService
    let consents: ConsentService
    let authInformation: AuthInformationService
    let events: EventService
    let devices: DeviceService
    let exports: ExportService
    let jobAnalysis: JobAnalysisService
    let auditEvents: AuditService
    /// Where the handlers record who provisioned, redeemed, reissued and changed users.
    let audit: AuditTrail
    /// Counts of what provisioning did, for `GET /metrics`.
    let metrics: ServerMetrics
    /// "Now" for what is derived when read (a gateway's connectivity status).
    let clock: any Clock

    init(
        store: any InsightStore, provisioning: ProvisioningService, exports: ExportService, authInformation: AuthInformation,
        maximumGatewaysPerCustomer: Int, metrics: ServerMetrics, clock: any Clock
    ) {
        gateways = GatewayService(store: store, clock: clock, maximumGatewaysPerCustomer: maximumGatewaysPerCustomer)
        self.provisioning = provisioning
        jobConfigs = JobConfigService(store: store, clock: clock)
        deviceConfigs = DeviceConfigService(store: store, clock: clock)
        users = UserService(users: store, consents: store, clock: clock)
        consents = ConsentService(consents: store, clock: clock)
        self.authInformation = AuthInformationService(customers: store, information: authInformation)
        events = EventService(store: store, clock: clock)
        devices = DeviceService(store: store, clock: clock)
        self.exports = exports
        jobAnalysis = JobAnalysisService(store: store)
        auditEvents = AuditService(store: store)
        audit = AuditTrail(store: store, clock: clock)
        self.metrics = metrics
        self.clock = clock
    }
}
