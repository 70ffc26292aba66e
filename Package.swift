// swift-tools-version: 6.0
//
// metrics: trend analysis for public-service indicators, over GNU GSL.
//
// Layout (fixed by the design card): `Sources/Metrics` is the library, `Sources/CLI` the `metrics`
// executable, `Sources/CGSL` + `Sources/GSLBridge` the only way into GSL.

import PackageDescription

let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The library in release builds: exclusivity is still proven at compile time, but the run-time checks on
/// class properties (a third of the reader's time, measured with perf) are left out. Debug builds, and so
/// the test suite and the sanitizer runs, keep them.
let releaseLibrary: [SwiftSetting] = strictSwift + [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

/// The executable has no API of its own to guard, so it keeps Swift's default import visibility.
let strictExecutable: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "metrics",
    products: [
        .library(name: "Metrics", targets: ["Metrics"]),
        .executable(name: "metrics", targets: ["CLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // YAML for batch configurations (`metrics batch CONFIG.yaml`): libyaml underneath, with line and
        // column marks on every node, which the configuration's error messages use.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // GNU GSL as the system provides it (pkg-config `gsl`; Debian package `libgsl-dev`).
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // zlib (Debian package `zlib1g-dev`), for gzip-compressed inputs.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // The bridge: GSL's abort-on-error handler replaced once, process-wide, with a handler that keeps
        // the reason per thread; `static inline` accessors for GSL's exported globals.
        .target(
            name: "GSLBridge",
            dependencies: ["CGSL"]
        ),
        .target(
            name: "Metrics",
            dependencies: ["GSLBridge", "CZlib", .product(name: "Yams", package: "Yams")],
            swiftSettings: releaseLibrary
        ),
        .executableTarget(
            name: "CLI",
            dependencies: [
                "Metrics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictExecutable
        ),
        .testTarget(
            name: "MetricsTests",
            dependencies: ["Metrics", "GSLBridge"],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["CLI"],
            // The bad-input corpus: data files the tests read from beside their sources.
            exclude: ["BadInput"],
            swiftSettings: strictSwift
        ),
    ]
)
