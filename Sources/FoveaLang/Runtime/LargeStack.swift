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
}
