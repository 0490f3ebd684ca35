import Glibc
import SharedLibrary

// OpenBLAS is loaded lazily with dlopen, on the first matrix product, for two reasons:
// - an idle kernel (a learner who never builds a network) must not pay for OpenBLAS's thread pool
//   and buffers, which the library sets up when it is loaded;
// - OpenBLAS reads OPENBLAS_CORETYPE and OPENBLAS_NUM_THREADS when it initialises, so they must be
//   in the environment before it is loaded. Debian's OpenBLAS 0.3.21 does not recognise Zen 5 and
//   would run its AVX2 kernels at about half the speed of its AVX-512 ("SkylakeX") kernels; we set
//   SkylakeX only when /proc/cpuinfo lists avx512f (SkylakeX code on a CPU without it would crash).
// Threads default to 1: Fovea splits batches over cores itself (two single-threaded calls on halves
// of a batch were steadier than OpenBLAS's own 2-thread mode on small shapes).
// If no BLAS library can be loaded, a naive loop GEMM is used instead (BLAS.isFallback).

private typealias SgemmFn = @convention(c) (
    Int32, Int32, Int32, Int32, Int32, Int32, Float,
    UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32, Float,
    UnsafeMutablePointer<Float>?, Int32) -> Void
private typealias SetThreadsFn = @convention(c) (Int32) -> Void
private typealias GetThreadsFn = @convention(c) () -> Int32
private typealias CoreNameFn = @convention(c) () -> UnsafeMutablePointer<CChar>?

private struct LoadedBLAS: @unchecked Sendable {
    var library: SharedLibrary?
    var sgemm: SgemmFn?
    var libraryPath: String?
    var coreType: String?
    var coreTypeOverride: String?
    var loadError: String?
    var linkedEagerly = false
    var threads = 1
}

/// Row-major single-precision matrix products through OpenBLAS (or a naive fallback).
public enum BLAS {
    /// Loaded on first use; Swift initialises static lets exactly once, thread-safely.
    private static let loaded: LoadedBLAS = load()

    /// The core type OpenBLAS chose (openblas_get_corename, e.g. "SkylakeX", "Haswell", "Zen"),
    /// or the OPENBLAS_CORETYPE we set if the library cannot say; nil with the fallback.
    public static var coreType: String? { loaded.coreType }
    /// OPENBLAS_CORETYPE as Fovea set it ("SkylakeX"), or nil if it left the environment alone.
    public static var coreTypeOverride: String? { loaded.coreTypeOverride }
    /// The library that was loaded, nil with the fallback.
    public static var libraryPath: String? { loaded.libraryPath }
    /// True when no BLAS library could be loaded and the naive loop GEMM is in use.
    public static var isFallback: Bool { loaded.sgemm == nil }
    /// Why loading failed (dlerror), when it did.
    public static var loadError: String? { loaded.loadError }
    /// True when libopenblas was already in the process before Fovea loaded it (linked at build time,
    /// e.g. through pkg-config's -lopenblas): it then initialised before OPENBLAS_CORETYPE and
    /// OPENBLAS_NUM_THREADS could be set, so the core type override had no effect (the thread count
    /// is still set through openblas_set_num_threads).
    public static var wasLinkedEagerly: Bool { loaded.linkedEagerly }
    /// Threads OpenBLAS uses per call (openblas_get_num_threads; 1 unless OPENBLAS_NUM_THREADS says).
    public static var threadsPerCall: Int { loaded.threads }

    /// Loads the library now (it otherwise loads on the first sgemm).
    public static func warmUp() { _ = loaded }

    /// C = alpha * op(A) * op(B) + beta * C, row-major; op(A) is m×k, op(B) is k×n, C is m×n.
    public static func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                             a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                             beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        if m == 0 || n == 0 { return }
        if let f = loaded.sgemm, k > 0 {
            f(101, transA ? 112 : 111, transB ? 112 : 111, Int32(m), Int32(n), Int32(k), alpha,
              a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        } else {
            naiveSgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                       b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }

    /// The obviously-correct triple loop (the fallback, and the tests' reference).
    public static func naiveSgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                                  a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                  beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k {
                    let av = transA ? a[p * lda + i] : a[i * lda + p]
                    let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
                    sum += av * bv
                }
                let old = beta == 0 ? 0 : beta * c[i * ldc + j]
                c[i * ldc + j] = alpha * sum + old
            }
        }
    }

    private static func load() -> LoadedBLAS {
        var result = LoadedBLAS()
        result.linkedEagerly = SharedLibrary.isInProcess("libopenblas.so.0")
        if getenv("OPENBLAS_CORETYPE") == nil && cpuHasAVX512F() {
            setenv("OPENBLAS_CORETYPE", "SkylakeX", 0)
            result.coreTypeOverride = "SkylakeX"
        }
        setenv("OPENBLAS_NUM_THREADS", "1", 0)  // 0: keep a value the user set
        let library: SharedLibrary
        switch SharedLibrary.open(["libopenblas.so.0", "libopenblas.so", "libblas.so.3"], requiredSymbol: "cblas_sgemm") {
        case .success(let l): library = l
        case .failure(let e):
            result.loadError = e.description
            return result
        }
        // The library stays open for the life of the process; its functions are kept here.
        result.library = library
        result.sgemm = library.function("cblas_sgemm", as: SgemmFn.self)
        result.libraryPath = library.name
        if let setThreads = library.function("openblas_set_num_threads", as: SetThreadsFn.self),
           let env = getenv("OPENBLAS_NUM_THREADS"), let threads = Int32(String(cString: env)), threads > 0 {
            setThreads(threads)
        }
        if let getThreads = library.function("openblas_get_num_threads", as: GetThreadsFn.self) {
            result.threads = Int(getThreads())
        }
        if let coreName = library.function("openblas_get_corename", as: CoreNameFn.self), let s = coreName() {
            result.coreType = String(cString: s)
        } else if let env = getenv("OPENBLAS_CORETYPE") {
            result.coreType = String(cString: env)
        }
        return result
    }

    /// Whether /proc/cpuinfo's first "flags" line lists avx512f.
    static func cpuHasAVX512F() -> Bool {
        guard let file = fopen("/proc/cpuinfo", "r") else { return false }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0 {
            guard let l = line else { break }
            let text = String(cString: l)
            if text.hasPrefix("flags") {
                return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
                    .contains("avx512f")
            }
        }
        return false
    }
}
