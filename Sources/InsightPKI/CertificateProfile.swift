import COpenSSL

/// The X.509 v3 extensions each kind of certificate gets, in OpenSSL's configuration syntax.
enum CertificateProfile {
    /// A self-signed root CA.
    case root
    /// A CA signed by another CA, that may only issue end-entity certificates.
    case intermediate
    /// A TLS client or server certificate; RSA keys also get keyEncipherment.
    case endEntity(isRSA: Bool, purpose: CertificatePurpose)

    /// (NID, value) pairs for `X509V3_EXT_conf_nid`, in the order they are added.
    var extensions: [(nid: Int32, value: String)] {
        switch self {
        case .root:
            [
                (NID_basic_constraints, "critical,CA:TRUE"),
                (NID_key_usage, "critical,keyCertSign,cRLSign"),
                (NID_subject_key_identifier, "hash"),
            ]
        case .intermediate:
            [
                (NID_basic_constraints, "critical,CA:TRUE,pathlen:0"),
                (NID_key_usage, "critical,keyCertSign,cRLSign"),
                (NID_subject_key_identifier, "hash"),
                (NID_authority_key_identifier, "keyid:always"),
            ]
        case let .endEntity(isRSA, purpose):
            [
                (NID_basic_constraints, "critical,CA:FALSE"),
                (NID_key_usage, isRSA ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature"),
                (NID_ext_key_usage, purpose.rawValue),
                (NID_subject_key_identifier, "hash"),
                (NID_authority_key_identifier, "keyid:always"),
            ]
        }
    }
}

/// What an end-entity certificate is for: its extendedKeyUsage.
public enum CertificatePurpose: String, Sendable {
    /// A TLS client (a gateway, the MQTT ingester).
    case client = "clientAuth"
    /// A TLS server (the MQTT broker).
    case server = "serverAuth"
}
