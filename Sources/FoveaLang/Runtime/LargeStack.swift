import Glibc

/// Runs the interpreter on a thread with a large stack, whatever thread the host calls from:
/// a tree-walking interpreter recurses per nested call and expression, and hosts may call from
/// threads with small stacks (512 KiB is common). The stack is reserved virtual memory; only
/// the pages used are ever touched. The caller waits, so the body runs strictly in sequence
/// with the caller's code.
///
/// A host that calls from a thread it created with a stack of at least `size` (the kernel's
/// shell thread) says so with `Session.callerHasLargeStack`, and cells run in place, without a
/// thread started per cell.
public enum LargeStack {
    /// The stack the interpreter wants.
    public static let size = 256 << 20

    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    static func run<T>(_ body: () -> T) -> T {
        var result: T?
        withoutActuallyEscaping(body) { body in
            let job = Job { result = body() }
            let unmanaged = Unmanaged.passRetained(job)
            var attr = pthread_attr_t()
            pthread_attr_init(&attr)
            defer { pthread_attr_destroy(&attr) }
            pthread_attr_setstacksize(&attr, size)
            var thread = pthread_t()
            let rc = pthread_create(&thread, &attr, { raw in
                let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
                job.body()
                return nil
            }, unmanaged.toOpaque())
            if rc != 0 {
                // No thread (resource limits): run here rather than fail.
                unmanaged.release()
                result = body()
            } else {
                pthread_join(thread, nil)
            }
        }
        return result!
    }

    /// The stack address below which the interpreter, running on the calling thread, raises
    /// RecursionError instead of going on: a quarter of the thread's stack above its end, which
    /// leaves room for what recurses without checking (repr and comparison of values nested up
    /// to `Value.maxNesting`, the host's own calls). 0 when the stack cannot be found.
    static func floorForCurrentThread() -> UInt {
        // glibc's pthread_getattr_np (a GNU extension the Glibc module does not import).
        typealias GetAttr = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
        guard let symbol = dlsym(nil, "pthread_getattr_np") else { return 0 }
        let getattr = unsafeBitCast(symbol, to: GetAttr.self)
        var attr = pthread_attr_t()
        guard getattr(pthread_self(), &attr) == 0 else { return 0 }
        defer { pthread_attr_destroy(&attr) }
        var base: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attr, &base, &size) == 0, let base else { return 0 }
        // Only the stack that exists: below the current frame, nothing else lives.
        let low = UInt(bitPattern: base)
        guard currentAddress() > low else { return 0 }
        return low + UInt(size / 4)
    }

    /// An address in the caller's stack frame.
    @inline(never)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}
