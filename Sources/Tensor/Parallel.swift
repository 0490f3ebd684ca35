import Glibc

/// Runs independent pieces of work on several threads (plain pthreads, kept in a WorkerPool).
/// The kernels use it to split a batch into one contiguous part per core; each part makes its own
/// single-threaded OpenBLAS call, which kept both cores busier than OpenBLAS's own threading.
public enum Parallel {
    /// The number of online CPUs.
    public static let coreCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    nonisolated(unsafe) private static var _maxThreads: Int = coreCount
    /// The most threads a kernel uses (default: the core count; 1 disables threading).
    public static var maxThreads: Int {
        get { _maxThreads }
        set { _maxThreads = max(1, newValue) }
    }

    /// One worker per extra core, started on first use and kept.
    private static let pool = WorkerPool(workers: coreCount - 1)

    /// Calls body(0), ..., body(count - 1), concurrently on the calling thread and the pool's
    /// workers; returns when all have finished. Nested or concurrent calls run their pieces on
    /// the calling thread.
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        pool.run(count, body)
    }

    /// Splits 0..<total into at most `maxThreads` contiguous ranges (fewer when `work`, a rough
    /// count of multiply-adds, is too small to be worth a thread) and runs them with forEach.
    public static func forRanges(_ total: Int, work: Int, _ body: (Range<Int>) -> Void) {
        let minWorkPerThread = 2_000_000
        let parts = max(1, min(maxThreads, total, work / minWorkPerThread))
        if parts == 1 { body(0..<total); return }
        forEach(parts) { p in
            let lo = total * p / parts, hi = total * (p + 1) / parts
            if lo < hi { body(lo..<hi) }
        }
    }
}
