import ArgumentParser
import Foundation
import InsightMQTT
import InsightProvisioning

/// `insight broker-files`: a mosquitto folder for a broker of one's own, from the database's CAs.
struct BrokerFiles: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker-files",
        abstract: "Write a mosquitto configuration with the database's CAs, for a broker that several insight serve share.",
        discussion: """
            Writes into --out what `insight serve` writes for its own broker: mosquitto.conf (one TLS listener that \
            requires client certificates of the database's root CA, takes their CN as user name and checks the CRLs), \
            server.pem and server.key (mode 0600) naming every --broker-host, ca.pem, crl.pem and the ACL. The broker \
            refuses gateways of a CA without a CRL in crl.pem: refresh it with --revocation-lists-only after a new \
            customer's first gateways, after reissues and weekly (a timer every minute does), then send the broker \
            SIGHUP. Start the \
            broker with `mosquitto -c DIR/mosquitto.conf`, and each insight serve with --mqtt-broker, a \
            --mqtt-client-id of its own and a shared --mqtt-subscription.
            """
    )

    @OptionGroup var state: StateOptions

    /// CRLs due for renewal are signed anew, by the token for issuing CAs whose key is there.
    @OptionGroup var caKey: CAKeyOptions

    @Option(name: .customLong("out"), help: ArgumentHelp("The folder to write (without white space).", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp("A name or address gateways and instances reach the broker at (repeatable).", valueName: "host"))
    var brokerHost: [String] = ["localhost", "127.0.0.1"]

    @Option(help: "The address the broker listens on.")
    var listenHost: String = "0.0.0.0"

    @Option(help: "The port of the broker's TLS listener.")
    var port: Int = 8883

    @Flag(help: "Only replace crl.pem with every CA's current CRL (the broker reads it again on SIGHUP).")
    var revocationListsOnly = false

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be 1 to 65535.") }
        guard !brokerHost.isEmpty else { throw ValidationError("Give at least one --broker-host.") }
    }

    func run() async throws {
        let state = self.state.resolved()
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        try await state.withStore { store in
            let pki = BrokerPKI(secrets: try await state.secrets(of: store), issuingKeyInToken: try caKey.issuingKeyInToken())
            let configuration = MosquittoConfiguration(directory: folder, listenHost: listenHost, port: port)
            do {
                if revocationListsOnly {
                    try configuration.replaceRevocationLists(try await pki.revocationListsPEM())
                    return
                }
                try configuration.write(
                    server: try await pki.serverCredentials(hosts: brokerHost), root: try await pki.rootCertificate(),
                    revocationLists: try await pki.revocationListsPEM(), ingesterName: BrokerPKI.ingesterCommonName
                )
            } catch let error as MQTTError {
                throw CommandFailure("\(error)")
            }
        }
        if revocationListsOnly {
            print("Replaced \(folder.path)/crl.pem with every CA's current CRL; send the broker SIGHUP to read it.")
            return
        }
        print("Wrote \(folder.path)/mosquitto.conf with the database's CAs; start the broker with: mosquitto -c \(folder.path)/mosquitto.conf")
    }
}
