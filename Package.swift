// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Fovea",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fovea", targets: ["Fovea"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // C libraries
        .systemLibrary(name: "CZMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        // zlib: inflate for the datasets (gzip IDX, .npz), deflate and crc32 for PNG.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Transport and protocol
        .target(name: "ZMQ", dependencies: ["CZMQ"]),
        .target(name: "JupyterProtocol", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "JupyterKernel", dependencies: [
            "ZMQ", "JupyterProtocol",
            .product(name: "Logging", package: "swift-log"),
        ]),

        // The network library
        // OpenBLAS is opened with dlopen on first use (Tensor/BLAS.swift): no C target and no
        // link-time dependency, so an idle kernel does not load it and its settings apply.
        .target(name: "CKernels"),
        .target(name: "Tensor", dependencies: ["CKernels"]),
        .target(name: "NeuralNet", dependencies: ["Tensor", "CKernels", "CZlib"]),

        // The language
        .target(name: "FoveaLang", dependencies: ["NeuralNet", "Tensor"]),

        // Data to HTML, text and PNG
        .target(name: "Rendering", dependencies: ["NeuralNet", "CZlib"]),

        // The executable
        .executableTarget(name: "Fovea", dependencies: [
            "JupyterKernel", "FoveaLang", "Rendering",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], linkerSettings: [
            // An idle kernel's resident memory (issue 2's budget is 15 MiB): with the Swift
            // runtime linked in statically, a position-dependent executable that exports no
            // symbols, the loader maps and relocates about 5 MiB less than with libswiftCore.so
            // (`make bench-kernel`: 19.6 MiB -> 14.7 MiB).
            .unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic",
                          "-Xlinker", "-l_FoundationCShims", "-Xlinker", "-l_FoundationCollections"]),
        ]),

        .testTarget(name: "ZMQTests", dependencies: ["ZMQ"]),
        .testTarget(name: "JupyterProtocolTests", dependencies: ["JupyterProtocol"]),
        .testTarget(name: "JupyterKernelTests", dependencies: ["JupyterKernel"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "JupyterProtocol"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "JupyterProtocol", "NeuralNet", "Tensor", "CZlib"]),
        .testTarget(name: "FoveaLangTests", dependencies: ["FoveaLang"],
                    resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v5]
)
