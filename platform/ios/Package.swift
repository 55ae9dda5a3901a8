// swift-tools-version:6.0
// The Confidant Swift package: a Swift API over the C ABI (libconfidant_c).
//
// CConfidant is a module map over include/confidant/confidant.h that links
// confidant_c; the library itself is built by CMake (target confidant_c) or
// shipped as an XCFramework. When building against a CMake tree, pass
//   -Xlinker -L<dir of libconfidant_c.so> -Xcc -I<repo>/include
// (platform/ios/CMakeLists.txt does exactly that for the ctest test).
//
// The binary variant: with CONFIDANT_XCFRAMEWORK=1 in the environment,
// CConfidant is instead the static CConfidant.xcframework next to this file,
// made by tools/ios/build_xcframework.sh (device and simulator slices, the
// header and its module map inside). Apple platforms only; never built on
// the project's Linux machines (docs/ios.md).
import PackageDescription

let cModule: Target
if Context.environment["CONFIDANT_XCFRAMEWORK"] == "1" {
    cModule = .binaryTarget(name: "CConfidant", path: "CConfidant.xcframework")
} else {
    cModule = .systemLibrary(name: "CConfidant", path: "Sources/CConfidant")
}

let package = Package(
    name: "Confidant",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "Confidant", targets: ["Confidant"]),
    ],
    targets: [
        cModule,
        .target(
            name: "Confidant",
            dependencies: ["CConfidant"],
            path: "Sources/Confidant",
            resources: [.copy("PrivacyInfo.xcprivacy")]
        ),
        .testTarget(
            name: "ConfidantTests",
            dependencies: ["Confidant", "CConfidant"],
            path: "Tests/ConfidantTests"
        ),
    ]
)
