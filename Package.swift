// swift-tools-version: 6.1
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "insight",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "insight", targets: ["insight"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.7.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.23.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.10.0", traits: []),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.32.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.0"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.13.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.1.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
    ],
    targets: [
        // System libraries: a module map and a shim of static inline wrappers each.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CLibPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        /// PostgreSQL's C client, for the store's row reads (PostgresNIO does everything else).
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        /// The MQTT client library of mosquitto, for the ingester and the gateway simulator.
        .systemLibrary(name: "CMosquitto", pkgConfig: "libmosquitto", providers: [.apt(["libmosquitto-dev"])]),
        /// Linux's syncfs, which Swift's Glibc module does not export.
        .systemLibrary(name: "CSyncFS"),
        /// PBKDF2-HMAC-SHA1, the key derivation of WinZip AES, on SHA-NI where the CPU has it (else OpenSSL's SHA-1): 5x faster than OpenSSL's.
        .target(name: "CFastPBKDF2", dependencies: ["COpenSSL"]),

        /// A private key that stays in a PKCS#11 token (an HSM, SoftHSM2), through OpenSSL's PKCS#11 engine (libp11).
        .target(name: "CPKCS11Key", dependencies: ["COpenSSL"]),
        /// Keys (in memory or in a PKCS#11 token), certificates, CAs, CRLs and PKCS#12 over OpenSSL.
        .target(name: "InsightPKI", dependencies: ["COpenSSL", "CPKCS11Key"], swiftSettings: strictSwift),
        /// Zip archives with WinZip AES-256 entries: deflate (zlib), encryption (OpenSSL), layout (libzip).
        .target(name: "InsightPackaging", dependencies: ["CLibZip", "CZlib", "COpenSSL", "CFastPBKDF2"], swiftSettings: strictSwift),
        /// QR codes (libqrencode), grayscale images and PNG (libpng).
        .target(name: "InsightBarcodes", dependencies: ["CQREncode", "CLibPNG"], swiftSettings: strictSwift),
        /// Text layout and drawing: Pango (HarfBuzz shaping, FriBidi ordering, fontconfig fallback) over Cairo (raster and PDF).
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        /// Printable labels: QR codes with shaped text on PNG and PDF sheets (A4, Letter, label stock) and ZPL thermal labels.
        .target(name: "InsightSheets", dependencies: ["InsightBarcodes", "CPangoCairo"], swiftSettings: strictSwift),
        /// Test-only helpers: run external tools, temporary directories, test databases (fresh ones too).
        .target(
            name: "InsightTestSupport",
            dependencies: [
                "InsightCore", "InsightStore",
                .product(name: "PostgresKit", package: "postgres-kit"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),

        /// Entities, permissions, errors, pagination and use cases. No HTTP, SQL or C.
        .target(name: "InsightCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strictSwift),

        /// The SQLKit implementation of the core's store protocols, on SQLite and PostgreSQL.
        .target(
            name: "InsightStore",
            dependencies: [
                "InsightCore", "CLibPQ",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ],
            swiftSettings: strictSwift
        ),

        /// IdTokens: the built-in ES256 issuer and pluggable verifiers (built-in key or a JWKS).
        .target(
            name: "InsightAuth",
            dependencies: ["InsightCore", .product(name: "JWTKit", package: "jwt-kit")],
            swiftSettings: strictSwift
        ),

        /// Types, server protocol and client generated at build time from `openapi.yaml`; depends on the OpenAPI runtime only.
        .target(
            name: "InsightOpenAPI",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            resources: [.embedInCode("openapi-document.yaml")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),

        /// The one place where generated wire types and core types are converted into each other.
        .target(name: "InsightWireMapping", dependencies: ["InsightCore", "InsightOpenAPI"], swiftSettings: strictSwift),

        /// Provisioning over the C libraries: the per-customer CA, credentials and package zips.
        .target(
            name: "InsightProvisioning",
            dependencies: [
                "InsightCore", "InsightOpenAPI", "InsightWireMapping", "InsightPKI", "InsightPackaging", "InsightBarcodes",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.embedInCode("README.txt.mustache")],
            swiftSettings: strictSwift
        ),

        /// The onboarding CSV (RFC 4180, checked whole with line and column) and safe file names.
        .target(name: "InsightOnboardingInput", dependencies: ["InsightCore"], swiftSettings: strictSwift),

        /// The batch pipeline, sheets, reissue and verify, over the generated client.
        .target(
            name: "InsightOnboarding",
            dependencies: [
                "InsightCore", "InsightClient", "InsightOpenAPI", "InsightOnboardingInput", "InsightPackaging", "InsightSheets", "InsightBarcodes", "CSyncFS",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            swiftSettings: strictSwift
        ),

        /// The HTTP server: generated server protocol, thin handlers, auth/CORS/error middleware.
        .target(
            name: "InsightAPI",
            dependencies: [
                "InsightCore", "InsightStore", "InsightAuth", "InsightOpenAPI", "InsightWireMapping", "InsightProvisioning", "InsightMQTT", "InsightPKI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            swiftSettings: strictSwift
        ),

        /// The onboarding console at /console: its static page (HTML, CSS, JavaScript modules,
        /// embedded at build time) and the endpoints that run the pipeline for it on the server.
        .target(
            name: "InsightConsole",
            dependencies: [
                "InsightAPI", "InsightAuth", "InsightCore", "InsightClient", "InsightOnboarding", "InsightOnboardingInput",
                "InsightOpenAPI", "InsightWireMapping", "InsightPackaging",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [
                .embedInCode("Assets/index.html"), .embedInCode("Assets/console.css"), .embedInCode("Assets/app.js"),
                .embedInCode("Assets/api.js"), .embedInCode("Assets/dom.js"), .embedInCode("Assets/session.js"),
                .embedInCode("Assets/signin.js"), .embedInCode("Assets/onboard.js"), .embedInCode("Assets/gateways.js"),
                .embedInCode("Assets/admin.js"),
            ],
            swiftSettings: strictSwift
        ),

        /// Live gateways: MQTT over mutual TLS (libmosquitto), the supervised mosquitto broker and the ingester.
        .target(
            name: "InsightMQTT",
            dependencies: [
                "CMosquitto", "InsightPKI", "InsightCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSwift
        ),

        /// Gateways as they run in the field: read a package, redeem its token, publish scans over MQTT.
        .target(
            name: "InsightSimulator",
            dependencies: [
                "InsightMQTT", "InsightPKI", "InsightPackaging", "InsightOpenAPI", "InsightCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSwift
        ),

        /// The generated client over AsyncHTTPClient, used by the pipeline against a remote or embedded server.
        .target(
            name: "InsightClient",
            dependencies: [
                "InsightOpenAPI",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSwift
        ),

        .executableTarget(
            name: "insight",
            dependencies: [
                "InsightCore", "InsightStore", "InsightAuth", "InsightAPI", "InsightClient", "InsightProvisioning",
                "InsightOnboarding", "InsightOnboardingInput", "InsightPKI", "InsightPackaging", "InsightBarcodes", "InsightSheets",
                "InsightOpenAPI", "InsightWireMapping", "InsightMQTT", "InsightSimulator", "InsightConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),

        .testTarget(name: "InsightPKITests", dependencies: ["InsightPKI", "InsightTestSupport"], swiftSettings: strictSwift),
        .testTarget(name: "InsightPackagingTests", dependencies: ["InsightPackaging", "CFastPBKDF2", "COpenSSL", "InsightTestSupport"], swiftSettings: strictSwift),
        .testTarget(name: "InsightBarcodesTests", dependencies: ["InsightBarcodes", "InsightTestSupport"], swiftSettings: strictSwift),
        .testTarget(name: "InsightSheetsTests", dependencies: ["InsightSheets", "InsightBarcodes", "InsightTestSupport"], swiftSettings: strictSwift),
        .testTarget(name: "InsightCoreTests", dependencies: ["InsightCore", "InsightTestSupport"], swiftSettings: strictSwift),
        .testTarget(name: "InsightOnboardingInputTests", dependencies: ["InsightOnboardingInput"], swiftSettings: strictSwift),
        .testTarget(
            name: "InsightStoreTests",
            dependencies: ["InsightCore", "InsightStore", "InsightTestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "InsightAPITests",
            dependencies: [
                "InsightCore", "InsightStore", "InsightAuth", "InsightAPI", "InsightClient", "InsightOpenAPI", "InsightProvisioning",
                "InsightTestSupport", "InsightPKI", "InsightPackaging", "InsightMQTT",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "InsightConsoleTests",
            dependencies: [
                "InsightConsole", "InsightAPI", "InsightAuth", "InsightCore", "InsightStore", "InsightProvisioning", "InsightTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "InsightMQTTTests",
            dependencies: [
                "InsightMQTT", "InsightAPI", "InsightCore", "InsightStore", "InsightPKI", "InsightProvisioning", "InsightTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "InsightOnboardingTests",
            dependencies: [
                "InsightOnboarding", "InsightOnboardingInput", "InsightAPI", "InsightStore", "InsightAuth", "InsightCore",
                "InsightClient", "InsightOpenAPI", "InsightProvisioning", "InsightTestSupport", "InsightPackaging",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            swiftSettings: strictSwift
        ),
    ]
)
