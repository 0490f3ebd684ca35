import COneDNN
import Glibc
import SharedLibrary

// oneDNN (Debian's libdnnl.so.2) is opened with dlopen on the first convolution that the table in
// OneDNNConv.swift gives it (none by default on the CPUs measured; FOVEA_ONEDNN=1 gives it every
// convolution), never at kernel start: an idle kernel stays small, and a machine without the
// library keeps CKernels' paths (OneDNN.loadError says why).
//
// Threads: Debian's oneDNN runs its primitives in OpenMP parallel regions. Fovea calls it from
// its own worker pool instead, one call per part of the batch, each on one thread: COneDNN sets
// every calling thread's OpenMP team to that thread alone (omp_set_num_threads(1) before the
// thread's first primitive is made), and OMP_NUM_THREADS is set to 1 before the library loads
// (unless the user set it). So no OpenMP thread ever runs beside the pool's, and the pool's
// threads are the only ones doing arithmetic: one per core.

private struct LoadedOneDNN: @unchecked Sendable {
    var library: SharedLibrary?
    var loadError: String?
}

/// The oneDNN convolution path: whether it is loaded, and direct calls for the tests (which
/// hold it against NaiveKernels whatever the table in OneDNNConv.swift chooses on this CPU).
public enum OneDNN {
    private static let loaded: LoadedOneDNN = load()

    /// True when FOVEA_ONEDNN=1 is in the environment.
    public static let requestedByEnvironment: Bool = {
        guard let v = getenv("FOVEA_ONEDNN") else { return false }
        return String(cString: v) == "1"
    }()

    /// Whether convolutions take oneDNN beyond what the table in OneDNNConv.swift gives it (on the
    /// CPUs measured so far, nothing): true with FOVEA_ONEDNN=1, or inside
    /// `OneDNN.$enabled.withValue(true) { ... }` (tests, which run beside each other).
    @TaskLocal public static var enabled: Bool = requestedByEnvironment

    /// Whether libdnnl is in the process (without loading it).
    public static var isLoaded: Bool { SharedLibrary.isInProcess("libdnnl.so.2") }

    /// Loads the library now if it is not yet; true when it is usable.
    public static var isAvailable: Bool { loaded.library != nil }

    /// Why oneDNN could not be used (dlerror, or a missing function), when it could not.
    public static var loadError: String? { loaded.loadError }

    private static func load() -> LoadedOneDNN {
        var result = LoadedOneDNN()
        setenv("OMP_NUM_THREADS", "1", 0)  // 0: keep a value the user set (COneDNN sets 1 per thread anyway)
        let library: SharedLibrary
        switch SharedLibrary.open(["libdnnl.so.2", "libdnnl.so"], requiredSymbol: "dnnl_engine_create") {
        case .success(let l): library = l
        case .failure(let e):
            result.loadError = e.description
            return result
        }
        var addresses: [UnsafeMutableRawPointer?] = []
        var names: [String] = []
        var i = 0
        while let name = fovea_dnnl_symbol(Int32(i)) {
            let symbol = String(cString: name)
            names.append(symbol)
            addresses.append(library.function(symbol, as: UnsafeMutableRawPointer.self))
            i += 1
        }
        let missing = addresses.withUnsafeBufferPointer { fovea_dnnl_bind($0.baseAddress) }
        if missing != 0 {
            result.loadError = "\(library.name): no function \(names[Int(missing) - 1])"
            return result
        }
        result.library = library
        return result
    }

    /// conv2d through oneDNN (bias and relu fused); nil when oneDNN cannot be loaded.
    public static func conv2d(input: Tensor, kernel: Tensor, bias: Tensor?, strides: (Int, Int), padding: Padding,
                              relu: Bool = false) throws -> Tensor? {
        let (_, _, _, c) = try Checks.nhwc(input, op: "conv2d")
        let (g, f) = try Kernels.conv2dGeometry(input: input, kernel: kernel, bias: bias, strides: strides,
                                                padding: padding)
        return try Kernels.oneDNNConv2d(input: input, kernel: kernel, bias: bias, relu: relu, geometry: g,
                                        channels: c, filters: f)
    }

    /// conv2d's gradients through oneDNN given dL/dY (dL/dX, dL/dkernel, dL/dbias); nil when
    /// oneDNN cannot be loaded.
    public static func conv2dBackward(input: Tensor, kernel: Tensor, gradOutput: Tensor, strides: (Int, Int),
                                      padding: Padding) throws -> (input: Tensor, kernel: Tensor, bias: Tensor)? {
        let (n, _, _, c) = try Checks.nhwc(input, op: "conv2d_backward")
        let (g, f) = try Kernels.conv2dGeometry(input: input, kernel: kernel, bias: nil, strides: strides,
                                                padding: padding)
        try Checks.gradient(gradOutput, expected: [n, g.outHeight, g.outWidth, f], op: "conv2d_backward")
        guard let (dK, dB) = try Kernels.oneDNNConv2dParameterGradients(input: input, kernel: kernel,
                                                                          gradOutput: gradOutput, geometry: g,
                                                                          channels: c, filters: f),
              let dX = try Kernels.oneDNNConv2dInputGradient(gradOutput: gradOutput, kernel: kernel, geometry: g,
                                                             channels: c, filters: f)
        else { return nil }
        return (dX, dK, dB)
    }
}
