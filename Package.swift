// swift-tools-version: 6.0
import PackageDescription

// Fovea builds and runs on Linux (Debian 12): its sources use Glibc, and its C libraries come from
// Debian's packages through pkg-config. The module graph, one way (see DESIGN.md):
//   Fovea -> JupyterKernel + Bindings + Rendering
//   Bindings -> FoveaLang + PythonLibrary + NeuralNet + Figures + DataIO + Rendering (savefig)
//   Rendering -> Figures -> NeuralNet -> Tensor -> CKernels + SharedLibrary; Rendering -> SharedLibrary (Cairo)
//   FoveaLang, NeuralNet -> Spelling (the one did-you-mean engine, a leaf)
//   JupyterKernel -> JupyterProtocol + ZMQ + JSON
// FoveaLang (the language core) imports only Spelling, a leaf; JSON imports nothing of ours.
let package = Package(
    name: "Fovea",
    products: [
        .executable(name: "fovea", targets: ["Fovea"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // C libraries linked at build time (small, needed by an idle kernel or by every dataset).
        // Heavy libraries (OpenBLAS, and later Cairo, HDF5, libcurl, oneDNN) are opened on first
        // use through SharedLibrary instead.
        .systemLibrary(name: "CZMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        // zlib: inflate for the datasets (gzip IDX, .npz), deflate and crc32 for PNG.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libpng and libjpeg-turbo: headers only; DataIO opens the libraries on first use.
        .systemLibrary(name: "CImageCodecs", providers: [.apt(["libpng-dev", "libturbojpeg0-dev"])]),
        // HDF5 and libzip (Keras's model files): their headers, and the pointers dlopen finds on
        // the first save or load (linked, they would add 36 libraries and ~7 MB to an idle kernel).
        .target(name: "CModelFiles"),
        .target(name: "SharedLibrary"),
        // Calls libcurl's variadic setopt/getinfo through the pointers dlopen found (libcurl itself,
        // like libarchive, is opened on the first download, not linked).
        .target(name: "CDownload"),
        // "Did you mean ...?": one engine for the language and the network library.
        .target(name: "Spelling"),

        // Values and transport
        .target(name: "JSON"),
        .target(name: "ZMQ", dependencies: ["CZMQ"]),
        .target(name: "JupyterProtocol", dependencies: [
            "JSON",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "JupyterKernel", dependencies: [
            "ZMQ", "JupyterProtocol", "JSON",
            .product(name: "Logging", package: "swift-log"),
        ]),

        // The network library
        .target(name: "CKernels"),
        // oneDNN's convolutions through pointers that Tensor finds with dlsym on the first
        // convolution (libdnnl-dev's headers at build time; the library is never linked).
        .target(name: "COneDNN"),
        .target(name: "Tensor", dependencies: ["CKernels", "COneDNN", "SharedLibrary"]),
        .target(name: "NeuralNet", dependencies: ["Tensor", "CKernels", "SharedLibrary", "Spelling"]),
        // Files and data: dataset formats today; downloads, images and model files next.
        .target(name: "DataIO", dependencies: [
            "Tensor", "CZlib", "CDownload", "CImageCodecs", "SharedLibrary",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Keras's model files: layer and model configs, .weights.h5, legacy .h5, the .keras zip.
        .target(name: "ModelFiles", dependencies: ["NeuralNet", "JSON", "Tensor", "CModelFiles"]),
        // Teaching figures as data, built from the network library's values.
        .target(name: "Figures", dependencies: ["NeuralNet", "Tensor"]),

        // The language core, and the libraries `import` finds
        .target(name: "FoveaLang", dependencies: ["Spelling"]),
        .target(name: "PythonLibrary", dependencies: ["FoveaLang", "JSON"], path: "Sources/Bindings/Python"),
        // Rendering: savefig and the inline display of pyplot figures draw through it.
        .target(name: "Bindings", dependencies: ["FoveaLang", "PythonLibrary", "NeuralNet", "Tensor", "Figures", "DataIO", "Rendering",
                                                "ModelFiles", "JSON"],
                exclude: ["Python"]),

        // Data to HTML, text and PNG
        // Plots are drawn with Cairo, opened through SharedLibrary on the first figure.
        .target(name: "Rendering", dependencies: ["Figures", "NeuralNet", "SharedLibrary"]),

        // The executable
        .executableTarget(name: "Fovea", dependencies: [
            "JupyterKernel", "JupyterProtocol", "JSON", "FoveaLang", "Bindings", "Rendering", "Figures", "NeuralNet",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], linkerSettings: [
            // A small idle kernel: the Swift runtime linked in statically, a position-dependent
            // executable that exports no symbols (`make bench-kernel` prints the resident size).
            .unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic",
                          "-Xlinker", "-l_FoundationCShims", "-Xlinker", "-l_FoundationCollections"]),
        ]),

        // Test support: the fixture runner shared by the language's and the libraries' tests.
        .target(name: "FixtureSupport", dependencies: ["FoveaLang"], path: "Tests/FixtureSupport"),

        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "SpellingTests", dependencies: ["Spelling"]),
        .testTarget(name: "ZMQTests", dependencies: ["ZMQ"]),
        .testTarget(name: "JupyterProtocolTests", dependencies: ["JupyterProtocol", "JSON"]),
        .testTarget(name: "JupyterKernelTests", dependencies: ["JupyterKernel", "JupyterProtocol", "JSON"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "Tensor", "JSON"]),
        .testTarget(name: "ModelFilesTests", dependencies: ["ModelFiles", "NeuralNet", "Tensor", "JSON"]),
        .testTarget(name: "DataIOTests", dependencies: ["DataIO", "Tensor", "CZlib", "SharedLibrary"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "Figures", "JSON", "NeuralNet", "Tensor", "CZlib"]),
        .testTarget(name: "FoveaLangTests", dependencies: ["FoveaLang", "PythonLibrary", "FixtureSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "BindingsTests", dependencies: ["Bindings", "FoveaLang", "FixtureSupport"],
                    resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v5]
)
