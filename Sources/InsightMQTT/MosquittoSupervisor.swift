import Foundation
import InsightPKI
import Logging
import ServiceLifecycle

/// Runs mosquitto as a child process for as long as the server runs: writes its files, starts it,
/// waits until it listens, restarts it when it dies (after 1 s, doubling up to 30 s while it keeps
/// dying young), and makes it read the CRLs again (SIGHUP) within a second of any change, such as
/// a reissue in this or another process on the same data directory. On shutdown it stops the
/// broker with SIGTERM.
public struct MosquittoSupervisor: Service {
    public let configuration: MosquittoConfiguration
    /// Makes the broker's certificates and the CRL text (at start), and the CRL text (on every check).
    private let material: @Sendable () async throws -> BrokerMaterial
    private let revocationLists: @Sendable () async throws -> String
    private let logger: Logger
    /// Called once, when the broker first listens.
    private let onReady: @Sendable () -> Void

    public init(
        configuration: MosquittoConfiguration, logger: Logger, material: @escaping @Sendable () async throws -> BrokerMaterial,
        revocationLists: @escaping @Sendable () async throws -> String, onReady: @escaping @Sendable () -> Void = {}
    ) {
        self.configuration = configuration
        self.logger = logger
        self.material = material
        self.revocationLists = revocationLists
        self.onReady = onReady
    }

    /// Where mosquitto is installed: `/usr/sbin/mosquitto` (Debian's package), else on `PATH`.
    public static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return (["/usr/sbin"] + path.split(separator: ":").map(String.init))
            .map { "\($0)/mosquitto" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// - Throws: `MQTTError.broker` when mosquitto is missing or its first start fails (with the
    ///   lines it logged, such as a port in use).
    public func run() async throws {
        guard let executable = Self.executable() else {
            throw MQTTError.broker("mosquitto is not installed: install it (scripts/install-deps, or apt-get install mosquitto), give --mqtt-broker URL for a broker of your own, or --mqtt-port 0 to run without MQTT.")
        }
        if TCPProbe.accepts(host: probeHost, port: configuration.port) {
            throw MQTTError.broker("Port \(configuration.port) on \(configuration.listenHost) is already in use, so the MQTT broker cannot listen there: stop the program that holds it (an earlier mosquitto?), or choose another port with --mqtt-port.")
        }
        let made = try await material()
        try configuration.write(server: made.server, root: made.root, revocationLists: made.revocationLists, ingesterName: made.ingesterName)
        var published = made.revocationLists
        var restartDelay: Double = 1
        var firstStart = true
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let logStart = (try? FileManager.default.attributesOfItem(atPath: configuration.logFile.path)[.size] as? Int) ?? 0
            let process = try ChildProcess(executable: executable, arguments: ["-c", configuration.configurationFile.path])
            let started = Date()
            let listening = await waitUntilListening(process)
            if !listening {
                let logged = logTail(from: logStart)
                if firstStart {
                    throw MQTTError.broker("mosquitto did not start listening on \(configuration.listenHost):\(configuration.port)\(logged.isEmpty ? "." : ":\n\(logged)")")
                }
                logger.error("mosquitto did not start listening; trying again", metadata: ["log": "\(logged)"])
            } else if firstStart {
                logger.info("MQTT broker (mosquitto) listening", metadata: ["address": "\(configuration.listenHost):\(configuration.port)"])
                onReady()
            }
            firstStart = false
            while process.isRunning, !Task.isShuttingDownGracefully, !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                do {
                    let current = try await revocationLists()
                    if current != published {
                        try configuration.replaceRevocationLists(current)
                        published = current
                        process.send(SIGHUP)
                        logger.info("MQTT broker reloads the certificate revocation lists")
                    }
                } catch {
                    logger.error("Cannot update the broker's certificate revocation lists", metadata: ["error": "\(error)"])
                }
            }
            if process.isRunning {
                await stop(process)
                return
            }
            logger.error("mosquitto exited; restarting it", metadata: ["status": "\(process.status ?? -1)", "log": "\(logTail(from: logStart))"])
            restartDelay = Date().timeIntervalSince(started) > 60 ? 1 : min(restartDelay * 2, 30)
            try? await Task.sleep(for: .seconds(restartDelay))
        }
    }

    /// Waits up to 30 s (mosquitto starts in milliseconds, but a loaded machine can delay it by
    /// seconds) for the listener to accept connections; false when the process exits first.
    private func waitUntilListening(_ process: ChildProcess) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { return false }
            if TCPProbe.accepts(host: probeHost, port: configuration.port) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Where the listener is reached from this machine.
    private var probeHost: String {
        ["0.0.0.0", "::", ""].contains(configuration.listenHost) ? "127.0.0.1" : configuration.listenHost
    }

    /// SIGTERM (mosquitto saves its sessions and queued messages), SIGKILL after 5 s.
    private func stop(_ process: ChildProcess) async {
        process.send(SIGTERM)
        for _ in 0..<100 where process.isRunning {
            try? await Task.sleep(for: .milliseconds(50))
        }
        process.send(SIGKILL)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
    }

    /// The last lines the broker logged since `offset`.
    private func logTail(from offset: Int) -> String {
        guard let handle = try? FileHandle(forReadingFrom: configuration.logFile) else { return "" }
        defer { try? handle.close() }
        try? handle.seek(toOffset: UInt64(offset))
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        return text.split(separator: "\n").suffix(8).joined(separator: "\n")
    }
}

/// What the broker needs from the CAs at start.
public struct BrokerMaterial: Sendable {
    public var server: (certificate: Certificate, privateKey: PrivateKey)
    public var root: Certificate
    public var revocationLists: String
    /// The common name of the ingester's certificate (its user name at the broker).
    public var ingesterName: String

    public init(server: (certificate: Certificate, privateKey: PrivateKey), root: Certificate, revocationLists: String, ingesterName: String) {
        self.server = server
        self.root = root
        self.revocationLists = revocationLists
        self.ingesterName = ingesterName
    }
}
