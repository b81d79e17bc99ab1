import HTTPTypes
import Hummingbird
import NIOCore

/// The console's static files, embedded in the binary at build time (SwiftPM `embedInCode` of
/// `Assets/`), so that a copied `insight` binary serves the console it was built with.
enum ConsoleAssets {
    /// An asset's bytes and media type.
    struct Asset: Sendable {
        let bytes: [UInt8]
        let contentType: String
    }

    /// The page every console address serves; the JavaScript router shows the view.
    static let page = Asset(bytes: PackageResources.index_html, contentType: "text/html; charset=utf-8")

    /// The files under `/console/assets/`, by name.
    static let files: [String: Asset] = [
        "console.css": Asset(bytes: PackageResources.console_css, contentType: "text/css; charset=utf-8"),
        "app.js": script(PackageResources.app_js),
        "api.js": script(PackageResources.api_js),
        "dom.js": script(PackageResources.dom_js),
        "session.js": script(PackageResources.session_js),
        "signin.js": script(PackageResources.signin_js),
        "onboard.js": script(PackageResources.onboard_js),
        "gateways.js": script(PackageResources.gateways_js),
        "admin.js": script(PackageResources.admin_js),
    ]

    private static func script(_ bytes: [UInt8]) -> Asset { Asset(bytes: bytes, contentType: "text/javascript; charset=utf-8") }

    /// The bytes of the page and every asset, uncompressed.
    static var totalBytes: Int { files.values.reduce(page.bytes.count) { $0 + $1.bytes.count } }

    /// What every console response carries: a Content-Security-Policy that allows scripts, styles
    /// and connections from this origin only (no inline script or style, no framing), no referrer
    /// (a page address never leaks), and no sniffing.
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        HTTPField.Name("X-Frame-Options")!: "DENY",
    ]

    /// The response for `asset`: cacheable for the page's life only (`no-cache` revalidates),
    /// since a new binary may bring new assets under the same names.
    static func response(_ asset: Asset) -> Response {
        var headers = securityHeaders
        headers[.contentType] = asset.contentType
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
