import Glibc

/// Runs independent pieces of work on several threads (plain pthreads: no Foundation, no pool).
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

    private final class Job {
        let body: (Int) -> Void
        let index: Int
        init(body: @escaping (Int) -> Void, index: Int) { self.body = body; self.index = index }
    }

    /// Calls body(0), ..., body(count - 1), concurrently: body(0) on the calling thread, the rest on
    /// new threads; returns when all have finished. If a thread cannot be started, its piece runs
    /// on the calling thread.
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if count <= 0 { return }
        if count == 1 { body(0); return }
        withoutActuallyEscaping(body) { escapable in
            var threads: [pthread_t] = []
            var inline: [Int] = []
            for i in 1..<count {
                let job = Unmanaged.passRetained(Job(body: escapable, index: i))
                var tid = pthread_t()
                let rc = pthread_create(&tid, nil, { arg in
                    let job = Unmanaged<Job>.fromOpaque(arg!).takeRetainedValue()
                    job.body(job.index)
                    return nil
                }, job.toOpaque())
                if rc == 0 {
                    threads.append(tid)
                } else {
                    job.release()
                    inline.append(i)
                }
            }
            escapable(0)
            for i in inline { escapable(i) }
            for t in threads { pthread_join(t, nil) }
        }
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
