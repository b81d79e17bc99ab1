import COpenSSL
import Foundation

/// A TLS client configuration held in memory (an OpenSSL `SSL_CTX`): the identity a client
/// presents (a private key, its certificate and the CA chain above it, all sent in the
/// handshake) and what it trusts (CA certificates, and optionally the system's roots). The
/// server must present a certificate for `serverName` (a DNS name or an IP address) that chains
/// to a trusted CA; TLS 1.2 is the least version accepted.
///
/// The key never touches a file: clients such as libmosquitto take the context itself.
public final class TLSClientContext: @unchecked Sendable {
    /// The `SSL_CTX`, owned by this object; for the package's own C wrappers only.
    package let pointer: OpaquePointer

    /// - Throws: `PKIError.openSSL` when OpenSSL refuses a part (a key that does not match the
    ///   certificate, a server name it cannot check).
    public init(identity: PKCS12, trusting authorities: [Certificate], serverName: String, trustSystemRoots: Bool = false) throws {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw PKIError.openSSL("create a TLS context") }
        pointer = context
        guard shim_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) == 1 else { throw PKIError.openSSL("require TLS 1.2") }
        guard SSL_CTX_use_certificate(context, identity.certificate.pointer) == 1,
              SSL_CTX_use_PrivateKey(context, identity.privateKey.pointer) == 1,
              SSL_CTX_check_private_key(context) == 1
        else { throw PKIError.openSSL("use the client certificate and key") }
        for member in identity.chain {
            guard shim_SSL_CTX_add1_chain_cert(context, member.pointer) == 1 else { throw PKIError.openSSL("add a chain certificate") }
        }
        let store = SSL_CTX_get_cert_store(context)
        for authority in authorities {
            guard X509_STORE_add_cert(store, authority.pointer) == 1 else { throw PKIError.openSSL("trust \(authority.subjectCommonName ?? "a CA")") }
        }
        if trustSystemRoots, SSL_CTX_set_default_verify_paths(context) != 1 { throw PKIError.openSSL("load the system's CA certificates") }
        let parameters = SSL_CTX_get0_param(context)
        let named = SubjectAlternativeName.isIPAddress(serverName) ? X509_VERIFY_PARAM_set1_ip_asc(parameters, serverName) : X509_VERIFY_PARAM_set1_host(parameters, serverName, 0)
        guard named == 1 else { throw PKIError.openSSL("expect the server name \(serverName)") }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
    }

    deinit { SSL_CTX_free(pointer) }
}
