// swift-tools-version: 6.0
import PackageDescription

/// A system library target for one Debian C library: module map, shim header, pkg-config name
/// and the apt package that provides it.
func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(name: name, pkgConfig: pkgConfig, providers: [.apt([apt])])
}

let package = Package(
    name: "RCMSKit",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rcms", targets: ["rcms"]),
        .executable(name: "rcms-bench", targets: ["rcms-bench"]),
        .library(name: "RCMSConfig", targets: ["RCMSConfig"]),
        .library(name: "RCMSCore", targets: ["RCMSCore"]),
        .plugin(name: "ValidateTenants", targets: ["ValidateTenants"]),
    ],
    targets: [
        systemLibrary("CYAML", pkgConfig: "yaml-0.1", apt: "libyaml-dev"),
        systemLibrary("CSQLite", pkgConfig: "sqlite3", apt: "libsqlite3-dev"),
        systemLibrary("CLibPQ", pkgConfig: "libpq", apt: "libpq-dev"),
        systemLibrary("CMicroHTTPD", pkgConfig: "libmicrohttpd", apt: "libmicrohttpd-dev"),
        systemLibrary("CSodium", pkgConfig: "libsodium", apt: "libsodium-dev"),
        systemLibrary("CCairo", pkgConfig: "cairo", apt: "libcairo2-dev"),
        systemLibrary("CPangoCairo", pkgConfig: "pangocairo", apt: "libpango1.0-dev"),
        systemLibrary("CQREncode", pkgConfig: "libqrencode", apt: "libqrencode-dev"),

        .target(name: "RCMSYAML", dependencies: ["CYAML"]),
        .target(name: "RCMSConfig", dependencies: ["RCMSYAML", "RCMSCrypto"]),
        .target(name: "RCMSCrypto", dependencies: ["CSodium"]),
        .target(name: "RCMSCore", dependencies: ["RCMSConfig", "RCMSCrypto"]),
        .target(name: "RCMSSQLite", dependencies: ["RCMSCore", "CSQLite"]),
        .target(name: "RCMSPostgres", dependencies: ["RCMSCore", "CLibPQ"]),
        .target(
            name: "RCMSServer", dependencies: ["RCMSCore", "RCMSCrypto", "RCMSDocuments", "CMicroHTTPD"],
            resources: [.copy("Web")]),
        .target(name: "RCMSMRZ", dependencies: ["RCMSConfig"]),
        .target(
            name: "RCMSDocuments", dependencies: ["RCMSCore", "RCMSMRZ", "CCairo", "CPangoCairo", "CQREncode"]),
        .target(
            name: "RCMSCommands",
            dependencies: ["RCMSConfig", "RCMSCore", "RCMSSQLite", "RCMSPostgres", "RCMSServer", "RCMSMRZ"]
        ),
        .executableTarget(name: "rcms", dependencies: ["RCMSCommands"]),
        .executableTarget(
            name: "rcms-bench",
            dependencies: ["RCMSCommands", "RCMSSQLite", "RCMSPostgres", "CSQLite", "CLibPQ", "CMicroHTTPD"]
        ),
        .plugin(
            name: "ValidateTenants",
            capability: .command(
                intent: .custom(
                    verb: "validate-tenants",
                    description: "Validate every tenant configuration under Tenants/"
                )
            ),
            dependencies: ["rcms"]
        ),

        .target(
            name: "RCMSTestSupport", dependencies: ["RCMSCore", "RCMSSQLite", "RCMSPostgres"],
            path: "Tests/RCMSTestSupport"),
        .testTarget(name: "RCMSYAMLTests", dependencies: ["RCMSYAML"]),
        .testTarget(name: "RCMSConfigTests", dependencies: ["RCMSConfig", "RCMSCommands"]),
        .testTarget(name: "RCMSCoreTests", dependencies: ["RCMSCore", "RCMSTestSupport"]),
        .testTarget(
            name: "RCMSStorageTests", dependencies: ["RCMSCore", "RCMSSQLite", "RCMSPostgres", "RCMSTestSupport"]),
        .testTarget(name: "RCMSServerTests", dependencies: ["RCMSServer", "RCMSCommands", "RCMSTestSupport"]),
        .testTarget(name: "RCMSDocumentsTests", dependencies: ["RCMSDocuments", "RCMSTestSupport"]),
        .testTarget(name: "RCMSMRZTests", dependencies: ["RCMSMRZ", "RCMSCommands"], exclude: ["crosscheck"]),
    ],
    swiftLanguageModes: [.v6]
)
