// swift-tools-version: 6.0
//
// libFuzzer harnesses for the Metrics library: one executable per fuzz target, kept out of the main package so
// that its `swift build` is untouched. Build and run them with `scripts/fuzz.sh` (which passes the flags
// libFuzzer needs: `--sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address`; with the
// `--sanitize` spelling alone the Swift code gets no coverage instrumentation).
//
// Each harness defines `LLVMFuzzerTestOneInput` with `@_cdecl` and is compiled with `-parse-as-library`, so
// libFuzzer's own `main` drives it.

import PackageDescription

let support: [SwiftSetting] = [.swiftLanguageMode(.v6)]
let harness: [SwiftSetting] = [.swiftLanguageMode(.v6), .unsafeFlags(["-parse-as-library"])]

/// One executable per fuzz target (the names `scripts/fuzz.sh` knows).
let fuzzTargets = ["FuzzTidy", "FuzzWide", "FuzzEES", "FuzzLAIT", "FuzzPeriod", "FuzzBatchConfig", "FuzzNumeric", "FuzzRecords", "FuzzOutputs"]

let package = Package(
    name: "metrics-fuzz",
    dependencies: [
        .package(name: "metrics", path: "../.."),
    ],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "Metrics", package: "metrics")],
            swiftSettings: support
        ),
    ] + fuzzTargets.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzSupport", .product(name: "Metrics", package: "metrics")],
            swiftSettings: harness
        )
    }
)
