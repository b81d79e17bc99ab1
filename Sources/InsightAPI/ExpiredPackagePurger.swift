import InsightCore
import Logging
import ServiceLifecycle

/// Drops the stored zips of packages whose tokens have expired
/// (`ProvisioningService.purgeExpiredPackages`): at start, then every `interval`, beside the
/// HTTP server. Any number of server processes may do it on one database.
public struct ExpiredPackagePurger: Service {
    let provisioning: ProvisioningService
    let clock: any Clock
    var interval: Duration = .seconds(600)
    var logger = Logger(label: "insight.provisioning")

    /// Returns when the server shuts down.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let purged = try await provisioning.purgeExpiredPackages(at: clock.now())
                    if purged > 0 { logger.info("Dropped the packages of expired tokens", metadata: ["count": "\(purged)"]) }
                } catch is CancellationError {
                    return
                } catch {
                    logger.error("Cannot drop the packages of expired tokens; trying again later", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
