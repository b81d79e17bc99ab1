import Foundation
import InsightCore
import InsightPKI

/// The files of the mosquitto broker that `insight serve` runs, all in one folder of the data
/// directory (`<data-dir>/mqtt/`), written anew at every start:
///
/// ```
/// mosquitto.conf   one TLS listener: require_certificate, use_identity_as_username, the CRLs
/// server.pem       the broker's certificate (from the root CA) for the names gateways use
/// server.key       its key (mode 0600; mosquitto reads keys from files only)
/// ca.pem           the root CA: gateways send their issuing CA with their certificate
/// crl.pem          every CA's CRL (root and customers), replaced and reloaded on change
/// acl              a gateway (CN = its id) may use only `insight/+/gateway/<its id>/#`
/// persistence/     the broker's saved sessions and queued messages
/// mosquitto.log    the broker's log
/// ```
public struct MosquittoConfiguration: Sendable {
    /// The folder of the files.
    public let directory: URL
    /// The address and port of the TLS listener.
    public let listenHost: String
    public let port: Int

    public init(directory: URL, listenHost: String, port: Int) {
        self.directory = directory
        self.listenHost = listenHost
        self.port = port
    }

    /// The first segment of every gateway topic (`ProvisioningSettings.mqttTopicPrefix`).
    static let topicRoot = "insight"

    public var configurationFile: URL { directory.appendingPathComponent("mosquitto.conf") }
    public var logFile: URL { directory.appendingPathComponent("mosquitto.log") }
    var revocationFile: URL { directory.appendingPathComponent("crl.pem") }

    /// Writes every file.
    ///
    /// - Throws: `MQTTError.broker` when the folder's path holds white space (mosquitto's
    ///   configuration cannot quote it); file system errors.
    public func write(server: (certificate: Certificate, privateKey: PrivateKey), root: Certificate, revocationLists: String, ingesterName: String) throws {
        guard !directory.path.contains(where: \.isWhitespace) else {
            throw MQTTError.broker("The broker's folder \(directory.path) holds white space, which mosquitto's configuration cannot name: choose a data directory without it.")
        }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("persistence"), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try SecretFile.write(Data(server.privateKey.pemRepresentation().utf8), to: directory.appendingPathComponent("server.key"))
        try writeReadable(server.certificate.pemRepresentation(), "server.pem")
        try writeReadable(root.pemRepresentation(), "ca.pem")
        try writeReadable(revocationLists, "crl.pem")
        try writeReadable(accessControlList(ingesterName: ingesterName), "acl")
        try writeReadable(configurationText, "mosquitto.conf")
    }

    /// Replaces the CRL file (the broker reads it again on SIGHUP).
    public func replaceRevocationLists(_ pem: String) throws {
        try writeReadable(pem, "crl.pem")
    }

    private func writeReadable(_ text: String, _ name: String) throws {
        try AtomicFile.replace(directory.appendingPathComponent(name), with: Data(text.utf8), permissions: 0o644, durable: false)
    }

    var configurationText: String {
        let folder = directory.path
        return """
            # Written by insight (serve at every start, broker-files when run): edits are lost.
            per_listener_settings false
            user \(Self.effectiveUserName)
            allow_anonymous false
            acl_file \(folder)/acl
            persistence true
            persistence_location \(folder)/persistence/
            autosave_interval 10
            max_queued_messages 1000000
            max_inflight_messages 2000
            log_dest file \(folder)/mosquitto.log
            log_type error
            log_type warning
            log_type notice
            log_type information
            connection_messages true
            log_timestamp_format %Y-%m-%dT%H:%M:%S

            listener \(port) \(listenHost)
            certfile \(folder)/server.pem
            keyfile \(folder)/server.key
            cafile \(folder)/ca.pem
            crlfile \(folder)/crl.pem
            require_certificate true
            use_identity_as_username true
            tls_version tlsv1.2

            """
    }

    func accessControlList(ingesterName: String) -> String {
        """
        # Written by insight (serve at every start, broker-files when run): edits are lost.
        # A gateway's certificate CN is its id, which use_identity_as_username makes its user name:
        # it may publish and subscribe under its own topic only.
        pattern readwrite \(Self.topicRoot)/+/gateway/%u/#

        # The ingester reads every gateway's messages.
        user \(ingesterName)
        topic read \(Self.topicRoot)/#

        """
    }

    /// The user this process runs as: mosquitto started by root drops to the `mosquitto` user
    /// unless told to stay, and could then not read the key file (mode 0600).
    static var effectiveUserName: String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "root" }
        return String(cString: name)
    }
}
