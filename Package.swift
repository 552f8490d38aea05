// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .library(name: "SitegenKit", targets: ["SitegenKit"]),
        .library(name: "SitegenServer", targets: ["SitegenServer"]),
        .library(name: "SitegenNetwork", targets: ["SitegenNetwork"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev), used through its C API.
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // jemalloc from the system (Debian: libjemalloc-dev) as the CLI's allocator: a build makes and frees
        // millions of small blocks on every core (libcmark's nodes, Swift's strings), where glibc's malloc took
        // a seventh of the CPU; see BENCHMARKS.md.
        .systemLibrary(
            name: "Cjemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        // jemalloc's settings for the CLI's process.
        .target(name: "CSitegenAllocator", dependencies: ["Cjemalloc"]),
        // The few POSIX calls Swift's Glibc overlay does not expose (renameat2, O_TMPFILE).
        .target(name: "CSitegenSystem"),
        .target(
            name: "SitegenKit",
            dependencies: [
                "Ccmark",
                "CSitegenSystem",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The preview server: Hummingbird over the library, kept apart so the library needs no networking.
        .target(
            name: "SitegenServer",
            dependencies: [
                "SitegenKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The external link check's HTTP client (URLSession; libcurl on Linux), kept apart for the same reason.
        .target(name: "SitegenNetwork", dependencies: ["SitegenKit"]),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SitegenKit",
                "SitegenServer",
                "SitegenNetwork",
                .target(name: "CSitegenAllocator", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SitegenKitTests",
            dependencies: [
                "SitegenKit",
                "SitegenServer",
                "SitegenNetwork",
                "sitegen",
                .product(name: "PropertyBased", package: "swift-property-based"),
                // The external link check's tests answer from a real HTTP server on loopback.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            // Read from the source tree by path (Golden rewritten with SITEGEN_UPDATE_GOLDEN=1; Fixtures copied into
            // temporary folders and read by Benchmarks/gen_corpus.py), not bundled.
            exclude: ["Golden", "Fixtures"]
        ),
    ]
)

// libFuzzer targets, only when asked for: they have no `main` without `-sanitize=fuzzer`, so an ordinary
// build must not see them. See RELIABILITY.md:
//   SITEGEN_FUZZ=1 swift build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library --product FuzzFrontMatter
if ProcessInfo.processInfo.environment["SITEGEN_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"))
    for name in ["FuzzFrontMatter", "FuzzDirectives", "FuzzDiagram", "FuzzLinks"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["SitegenKit", "FuzzSupport"], path: "Fuzz/\(name)"))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
