// swift-tools-version: 6.0
import PackageDescription

// Data flows one way: C shims → thin wrappers → model → scanners → rules → engine → reporters → CLI.
let package = Package(
  name: "resourcelint",
  products: [
    .executable(name: "resourcelint", targets: ["resourcelint"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // C libraries, reached only through the two wrappers below.
    .systemLibrary(
      name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
    .systemLibrary(
      name: "CPCRE2", pkgConfig: "libpcre2-8",
      providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]),
    .target(name: "PCRE2", dependencies: ["CPCRE2"]),
    .target(name: "LibYAML", dependencies: ["CYAML"]),

    // The exact model: quantities, resources, accelerators, declarations, diagnostics, the Rule protocol.
    .target(name: "ResourceModel"),
    // Source text: byte offsets to lines and Unicode-scalar columns, in one place.
    .target(name: "SourceText", dependencies: ["ResourceModel"]),

    // Scanners: files in, declarations out. They never judge.
    .target(name: "PythonScanner", dependencies: ["ResourceModel", "SourceText", "PCRE2"]),
    .target(name: "YAMLScanner", dependencies: ["ResourceModel", "SourceText", "LibYAML"]),

    // Rules: one file each, importing only the model.
    .target(name: "Rules", dependencies: ["ResourceModel"], path: "Rules"),

    // Files: reading, atomic writing, lexical paths. Knows nothing of resources.
    .target(name: "FileIO"),
    // The engine: one file in, diagnostics out (scan → rules → policies → suppressions → levels).
    .target(
      name: "Linting",
      dependencies: [
        "ResourceModel", "SourceText", "PythonScanner", "YAMLScanner", "Rules", "FileIO",
      ]),
    // The workspace: configuration files, globs, `.gitignore`, walking the tree into settings
    // per file, platform files; it hands files to the engine.
    .target(
      name: "Workspace",
      dependencies: [
        "Linting", "ResourceModel", "SourceText", "YAMLScanner", "LibYAML", "Rules", "FileIO",
      ]),
    // Baselines: findings recorded once and not reported again (JSON through FoundationEssentials).
    .target(name: "Baseline", dependencies: ["ResourceModel", "FileIO"]),
    // Reporters: diagnostics and declarations in, text out. The model only.
    .target(name: "Reporting", dependencies: ["ResourceModel"]),
    // The language server: LSP over stdio (JSON through FoundationEssentials' Codable), linting
    // each open buffer from memory with the settings `check` would use for its path.
    .target(
      name: "LanguageServer",
      dependencies: [
        "Workspace", "Linting", "Reporting", "ResourceModel", "Rules", "SourceText", "FileIO",
      ]),
    .executableTarget(
      name: "resourcelint",
      dependencies: [
        "Workspace", "Linting", "Baseline", "Reporting", "ResourceModel", "Rules", "FileIO",
        "LanguageServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .testTarget(name: "ResourceModelTests", dependencies: ["ResourceModel"]),
    .testTarget(
      name: "PythonScannerTests",
      dependencies: ["PythonScanner", "ResourceModel", "SourceText", "PCRE2"]),
    .testTarget(
      name: "YAMLScannerTests", dependencies: ["YAMLScanner", "ResourceModel", "SourceText"]),
    .testTarget(
      name: "LintingTests",
      dependencies: [
        "Workspace", "Linting", "Baseline", "Reporting", "Rules", "ResourceModel", "PythonScanner",
        "YAMLScanner", "FileIO",
      ]),
    .testTarget(
      name: "LanguageServerTests",
      dependencies: [
        "LanguageServer", "Linting", "Reporting", "ResourceModel", "SourceText", "FileIO",
      ]),
  ]
)
