import Foundation
import NIOSSL

/// The certificate chain and private key the server presents over TLS (`--tls-cert`,
/// `--tls-key`): PEM files, the server's certificate first, then its intermediates. TLS 1.2 is
/// the oldest version it speaks.
public struct ServerTLS: Sendable {
    let configuration: TLSConfiguration

    /// - Throws: `ServerTLSError` naming the file that is missing or holds no PEM certificate
    ///   or key, or a key that does not belong to the certificate.
    public init(certificateFile: String, keyFile: String) throws {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificateFile)
        } catch {
            throw ServerTLSError(file: certificateFile, problem: "holds no PEM certificate that can be read (\(error))")
        }
        guard !chain.isEmpty else { throw ServerTLSError(file: certificateFile, problem: "holds no PEM certificate") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
        } catch {
            throw ServerTLSError(file: keyFile, problem: "holds no unencrypted PEM private key that can be read (\(error))")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        // A key that does not match the certificate is found here, not at the first handshake.
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw ServerTLSError(file: keyFile, problem: "is not the private key of the certificate in \(certificateFile) (\(error))")
        }
        self.configuration = configuration
    }
}

/// A TLS file that cannot be used, and why.
public struct ServerTLSError: Error, CustomStringConvertible {
    public let file: String
    public let problem: String

    public var description: String { "TLS: \(file) \(problem)." }
}
