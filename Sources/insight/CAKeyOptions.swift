import ArgumentParser
import Foundation
import InsightPKI

/// Where the issuing CAs' key lives when not in the database: a PKCS#11 token (an HSM, SoftHSM2).
struct CAKeyOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Keep the key of new issuing CAs in a PKCS#11 token, named by its RFC 7512 URI, e.g. 'pkcs11:token=insight;object=insight-ca;type=private' (an EC P-256 key made in the token); it signs gateway certificates and CRLs there and never leaves it.",
        valueName: "pkcs11-uri"
    ))
    var caKey: String?

    @Option(help: ArgumentHelp("The PKCS#11 module of --ca-key's token (default: p11-kit's proxy), e.g. /usr/lib/softhsm/libsofthsm2.so.", valueName: "path"))
    var caKeyModule: String?

    @Option(help: ArgumentHelp("A file holding the user PIN of --ca-key's token (also INSIGHT_CA_KEY_PIN).", valueName: "file"))
    var caKeyPinFile: String?

    func validate() throws {
        if let caKey, !caKey.hasPrefix("pkcs11:") { throw ValidationError("--ca-key takes a PKCS#11 URI (pkcs11:token=…;object=…;type=private).") }
        if caKey == nil, caKeyModule != nil || caKeyPinFile != nil { throw ValidationError("--ca-key-module and --ca-key-pin-file go with --ca-key.") }
    }

    /// The token's key, logged in; nil without --ca-key.
    ///
    /// - Throws: `CommandFailure` (exit 1) naming --ca-key and the token's reason (`PIN incorrect`,
    ///   `object not found`), or the PIN file that cannot be read.
    func issuingKeyInToken() throws -> PrivateKey? {
        guard let caKey else { return nil }
        var pin = ProcessInfo.processInfo.environment["INSIGHT_CA_KEY_PIN"]
        if let caKeyPinFile {
            do {
                pin = try String(contentsOfFile: caKeyPinFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch let error as CocoaError {
                throw CommandFailure("--ca-key-pin-file: \(FileErrorDescription(error))", exitCode: 1)
            }
        }
        do {
            return try PrivateKey(pkcs11URI: caKey, pin: pin, modulePath: caKeyModule)
        } catch {
            throw CommandFailure("--ca-key: \(error)", exitCode: 1)
        }
    }
}
