import COpenSSL

/// One entry of a certificate's subjectAltName extension.
public enum SubjectAlternativeName: Sendable, Hashable {
    /// A DNS name such as `gateway-7.example.com` (ASCII; IDNs in their punycode form).
    case dnsName(String)
    /// A URI such as `urn:insight:gateway:<uuid>`.
    case uri(String)

    /// Adds a subjectAltName extension holding `names` to the `X509` at `certificate`.
    /// Throws `PKIError.invalidArgument` for a name that is empty or not printable ASCII,
    /// `PKIError.openSSL` if OpenSSL fails.
    static func add(_ names: [SubjectAlternativeName], to certificate: OpaquePointer) throws {
        guard let generalNames = GENERAL_NAMES_new() else { throw PKIError.openSSL("allocate subjectAltName") }
        defer { GENERAL_NAMES_free(generalNames) }
        for name in names {
            try name.append(to: generalNames)
        }
        guard X509_add1_ext_i2d(certificate, NID_subject_alt_name, UnsafeMutableRawPointer(generalNames), 0, UInt(X509V3_ADD_DEFAULT)) == 1 else {
            throw PKIError.openSSL("add subjectAltName")
        }
    }

    private var typeAndValue: (type: Int32, value: String) {
        switch self {
        case let .dnsName(name): (GEN_DNS, name)
        case let .uri(uri): (GEN_URI, uri)
        }
    }

    /// Appends this name as an IA5String `GENERAL_NAME` to `generalNames`, which takes ownership.
    private func append(to generalNames: OpaquePointer) throws {
        let (type, value) = typeAndValue
        guard !value.isEmpty, value.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw PKIError.invalidArgument(reason: "subjectAltName \"\(value)\" must be non-empty printable ASCII without spaces")
        }
        guard let string = ASN1_IA5STRING_new() else { throw PKIError.openSSL("allocate subjectAltName \(value)") }
        guard ASN1_STRING_set(string, value, Int32(value.utf8.count)) == 1, let generalName = GENERAL_NAME_new() else {
            ASN1_IA5STRING_free(string)
            throw PKIError.openSSL("set subjectAltName \(value)")
        }
        GENERAL_NAME_set0_value(generalName, type, UnsafeMutableRawPointer(string))
        guard shim_sk_GENERAL_NAME_push(generalNames, generalName) > 0 else {
            GENERAL_NAME_free(generalName)
            throw PKIError.openSSL("append subjectAltName \(value)")
        }
    }
}
