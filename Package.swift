// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "outcry",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "outcry", targets: ["outcry"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Hummingbird's own; named here only to set the intake server's log level.
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // System libraries, reached through typed static-inline shims (see docs/ARCHITECTURE.md).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // PostgreSQL's client library: no build cost (postgres-nio adds ~300 s to a release build, PLATFORM.md).
        .systemLibrary(name: "CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // zlib's inflate, for the ZIP archives spreadsheet exports (.xlsx) are.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "OutcryCore", swiftSettings: strict),
        // Pure-Swift libxml2 wrapper. Must not import Foundation (ICU type clash, PLATFORM.md).
        .target(name: "OutcryXML", dependencies: ["CXML2"], swiftSettings: strict),
        .target(name: "OutcryText", dependencies: ["OutcryCore"], swiftSettings: strict),
        // Charset names and decoders as Python resolves them, and legacy-encoding guesses: feeds and helpdesk exports.
        .target(name: "OutcryCharsets", dependencies: ["OutcryCore"], swiftSettings: strict),
        // Spreadsheet exports (.xlsx: a ZIP archive of XML parts) read as rows. No Foundation (it sees libxml2 through OutcryXML).
        .target(name: "OutcrySpreadsheet", dependencies: ["OutcryXML", "CZlib"], swiftSettings: strict),
        // Strict YAML reading shared by every configuration file (feeds/, alerts/).
        .target(name: "OutcryConfig", dependencies: ["OutcryCore", "Yams"], swiftSettings: strict),
        // libcurl behind its own module, so no Swift file sees both libcurl's and libxml2's headers.
        .target(name: "OutcryHTTP", dependencies: ["CCurl", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        .target(name: "OutcryFeeds", dependencies: ["OutcryCore", "OutcryCharsets", "OutcryXML", "OutcryHTTP"], swiftSettings: strict),
        .target(name: "OutcryScoring", dependencies: ["OutcryCore", "OutcryText"], swiftSettings: strict),
        .target(name: "OutcryLinking", dependencies: ["OutcryCore", "OutcryCharsets", "OutcrySpreadsheet", "OutcryText"], swiftSettings: strict),
        .target(name: "OutcryAlerting", dependencies: [
            "OutcryCore", "OutcryStorage", "OutcryConfig", "OutcryHTTP", "Yams", .product(name: "Crypto", package: "swift-crypto"),
        ], exclude: ["BuiltinTemplates/README.md"],
        // The default message templates: alerts/templates/ (symlinked), compiled in.
        resources: [
            .embedInCode("BuiltinTemplates/email-subject.en.txt"),
            .embedInCode("BuiltinTemplates/email-subject.zh-Hans.txt"),
            .embedInCode("BuiltinTemplates/email.en.html"),
            .embedInCode("BuiltinTemplates/email.zh-Hans.html"),
            .embedInCode("BuiltinTemplates/markdown.en.md"),
            .embedInCode("BuiltinTemplates/markdown.zh-Hans.md"),
            .embedInCode("BuiltinTemplates/slack.en.mrkdwn"),
            .embedInCode("BuiltinTemplates/slack.zh-Hans.mrkdwn"),
            .embedInCode("BuiltinTemplates/text.en.txt"),
            .embedInCode("BuiltinTemplates/text.zh-Hans.txt"),
        ], swiftSettings: strict),
        .target(name: "OutcryStorage", dependencies: ["OutcryCore", "CPostgres", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
        .target(name: "OutcryIntake", dependencies: [
            "OutcryCore", "OutcryLinking", "OutcryStorage",
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .target(name: "OutcryTimeline", dependencies: ["OutcryCore", "OutcryStorage"], swiftSettings: strict),
        .target(name: "OutcryPipeline", dependencies: [
            "OutcryCore", "OutcryText", "OutcryFeeds", "OutcryScoring", "OutcryLinking",
            "OutcryAlerting", "OutcryStorage", "OutcryConfig", "Yams",
        ], swiftSettings: strict),
        .target(name: "OutcryDashboard", dependencies: ["OutcryCore", "OutcryStorage", "OutcryTimeline"], swiftSettings: strict),
        .target(name: "OutcryTesting", dependencies: ["OutcryCore", "OutcryAlerting", "OutcryStorage"], swiftSettings: strict),
        .executableTarget(name: "outcry", dependencies: [
            "OutcryCore", "OutcryText", "OutcryHTTP", "OutcryFeeds", "OutcryScoring", "OutcryLinking", "OutcryAlerting",
            "OutcryStorage", "OutcryTimeline", "OutcryPipeline", "OutcryDashboard", "OutcryIntake", "OutcryConfig",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),

        // Fuzz targets (one per parser, chosen by OUTCRY_FUZZ_TARGET): a reproducer in a normal
        // build, libFuzzer under `make fuzz`.
        .executableTarget(name: "OutcryFuzz", dependencies: ["OutcryCore", "OutcryCharsets", "OutcryFeeds", "OutcryLinking", "OutcrySpreadsheet"], swiftSettings: strict),
        .executableTarget(name: "outcry-bench", dependencies: ["OutcryCore", "OutcryXML", "OutcryFeeds", "OutcryScoring", "OutcryLinking", "OutcryAlerting", "OutcryStorage", "OutcryPipeline", "OutcryDashboard", "OutcryTimeline", "OutcryTesting"],
                          path: "Sources/OutcryBench",
                          swiftSettings: strict),

        .testTarget(name: "OutcryTests", dependencies: [
            "OutcryCore", "OutcryCharsets", "OutcrySpreadsheet", "OutcryXML", "OutcryText", "OutcryHTTP", "OutcryFeeds", "OutcryScoring", "OutcryLinking",
            "OutcryAlerting", "OutcryStorage", "OutcryTimeline", "OutcryPipeline", "OutcryDashboard", "OutcryTesting", "OutcryIntake", "OutcryConfig",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
