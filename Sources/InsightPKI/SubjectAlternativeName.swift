import COpenSSL
import Foundation

/// One entry of a certificate's subjectAltName extension.
public enum SubjectAlternativeName: Sendable, Hashable {
    /// A DNS name such as `gateway-7.example.com` (ASCII; IDNs in their punycode form).
    case dnsName(String)
    /// A URI such as `urn:insight:gateway:<uuid>`.
    case uri(String)
    /// An IPv4 or IPv6 address in text form, such as `127.0.0.1` or `::1`.
    case ipAddress(String)

    /// The name for a host: `.ipAddress` when `host` is an IPv4 or IPv6 address, else `.dnsName`.
    public static func host(_ host: String) -> SubjectAlternativeName {
        isIPAddress(host) ? .ipAddress(host) : .dnsName(host)
    }

    /// Whether `text` is an IPv4 or IPv6 address (as `inet_pton` reads them).
    static func isIPAddress(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1
    }

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

    /// Appends this name as a `GENERAL_NAME` to `generalNames`, which takes ownership: DNS names
    /// and URIs as IA5Strings, addresses as their octets.
    private func append(to generalNames: OpaquePointer) throws {
        let type: Int32
        let value: UnsafeMutablePointer<ASN1_STRING>
        switch self {
        case let .dnsName(name): (type, value) = (GEN_DNS, try Self.ia5String(name))
        case let .uri(uri): (type, value) = (GEN_URI, try Self.ia5String(uri))
        case let .ipAddress(address):
            guard let octets = a2i_IPADDRESS(address) else {
                _ = PKIError.drainErrorQueue()
                throw PKIError.invalidArgument(reason: "subjectAltName \"\(address)\" is not an IPv4 or IPv6 address")
            }
            (type, value) = (GEN_IPADD, octets)
        }
        guard let generalName = GENERAL_NAME_new() else {
            ASN1_STRING_free(value)
            throw PKIError.openSSL("allocate a subjectAltName")
        }
        GENERAL_NAME_set0_value(generalName, type, UnsafeMutableRawPointer(value))
        guard shim_sk_GENERAL_NAME_push(generalNames, generalName) > 0 else {
            GENERAL_NAME_free(generalName)
            throw PKIError.openSSL("append a subjectAltName")
        }
    }

    /// `value` as an IA5String, which the caller owns.
    private static func ia5String(_ value: String) throws -> UnsafeMutablePointer<ASN1_STRING> {
        guard !value.isEmpty, value.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw PKIError.invalidArgument(reason: "subjectAltName \"\(value)\" must be non-empty printable ASCII without spaces")
        }
        guard let string = ASN1_IA5STRING_new() else { throw PKIError.openSSL("allocate subjectAltName \(value)") }
        guard ASN1_STRING_set(string, value, Int32(value.utf8.count)) == 1 else {
            ASN1_IA5STRING_free(string)
            throw PKIError.openSSL("set subjectAltName \(value)")
        }
        return string
    }
}
