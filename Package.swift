// swift-tools-version: 6.0
import PackageDescription

/// Upcoming-feature settings applied to every Swift target.
let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
  name: "bomcheck",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "bomcheck", targets: ["bomcheck"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // libyaml from the system (Debian: libyaml-dev, pkg-config yaml-0.1).
    .systemLibrary(
      name: "CLibYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
    ),
    // Everything that decides; never prints, never exits.
    .target(
      name: "BOMCheckCore",
      dependencies: ["CLibYAML"],
      swiftSettings: strictSettings
    ),
    // One file per output format.
    .target(
      name: "BOMCheckReporters",
      dependencies: ["BOMCheckCore"],
      swiftSettings: strictSettings
    ),
    // The command line: parse flags, call Core, render, choose the exit code.
    .executableTarget(
      name: "bomcheck",
      dependencies: [
        "BOMCheckCore",
        "BOMCheckReporters",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSettings
    ),
    // The parse-only pass of the benchmark harness (Scripts/bench).
    .executableTarget(
      name: "bomcheck-bench",
      dependencies: ["BOMCheckCore", "BOMCheckReporters", "CLibYAML"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "BOMCheckCoreTests",
      dependencies: ["BOMCheckCore"],
      exclude: ["Fixtures"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "BOMCheckReportersTests",
      dependencies: ["BOMCheckCore", "BOMCheckReporters"],
      exclude: ["Golden"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "bomcheckTests",
      dependencies: ["bomcheck"],
      swiftSettings: strictSettings
    ),
  ]
)
