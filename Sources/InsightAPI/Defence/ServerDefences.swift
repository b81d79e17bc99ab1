import InsightCore

/// The limits that keep slow, idle and guessing clients from holding the server: what
/// `insight serve` sets from `--idle-timeout`, `--body-timeout` and the failure budget.
public struct ServerDefences: Sendable {
    /// A connection that sends nothing for this long is closed (idle between requests, still
    /// sending a request's head, or stalled in a body) unless a response is being written.
    public var idleTimeout: Duration
    /// A request's body must arrive whole within this long, or it is answered 408 and the
    /// connection closed: what stops a client that trickles a byte now and then.
    public var bodyTimeout: Duration
    /// Refused credentials per client address (429 once spent).
    public var failureBudget: FailureBudget
    /// The most gateways one customer may have (403 beyond).
    public var maximumGatewaysPerCustomer: Int

    /// 30 s idle, 30 s for a body (a 1 MiB bulk-create needs ~35 KB/s), the standard budget,
    /// 100,000 gateways per customer.
    public init(
        idleTimeout: Duration = .seconds(30), bodyTimeout: Duration = .seconds(30), failureBudget: FailureBudget = FailureBudget(),
        maximumGatewaysPerCustomer: Int = GatewayService.defaultMaximumGatewaysPerCustomer
    ) {
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
        self.failureBudget = failureBudget
        self.maximumGatewaysPerCustomer = maximumGatewaysPerCustomer
    }
}
