import CKernels
import Glibc
import Synchronization

/// Threads that stay alive between kernel calls, so splitting a batch costs a wake-up instead of
/// a thread start and join, which a training epoch of tens of thousands of kernel calls would pay
/// in seconds.
///
/// A wake-up through a condition variable can cost as much on a virtual CPU that halts when idle
/// (the README quotes the measurement). So a
/// worker that runs out of work, and a caller waiting for its pieces, first spin for up to
/// `spinNanoseconds` on atomic copies of the job counter and of the pieces left, and only then
/// sleep. Training calls the pool every few hundred microseconds and never waits for a wake-up;
/// an idle kernel's workers sleep.
///
/// One caller at a time: a call that finds the pool busy (another thread, or a body that itself
/// splits work) runs its pieces on the calling thread instead of waiting.
final class WorkerPool: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var callerMutex = pthread_mutex_t()
    private var wake = pthread_cond_t()
    private var done = pthread_cond_t()
    /// Bumped for every job, so a worker knows there is new work.
    private var generation = 0
    private var body: ((Int) -> Void)?
    private var nextIndex = 0
    private var count = 0
    private var remaining = 0
    private var started = 0
    /// `generation` and `remaining`, readable without the mutex while spinning.
    private let publishedGeneration = Atomic<Int>(0)
    private let publishedRemaining = Atomic<Int>(0)
    static let spinNanoseconds = 300_000
    let workerCount: Int

    init(workers: Int) {
        workerCount = max(0, workers)
        pthread_mutex_init(&mutex, nil)
        pthread_mutex_init(&callerMutex, nil)
        pthread_cond_init(&wake, nil)
        pthread_cond_init(&done, nil)
    }

    /// Calls body(0), ..., body(count - 1) concurrently on the calling thread and the workers,
    /// returning when all have finished.
    func run(_ count: Int, _ body: (Int) -> Void) {
        if count <= 0 { return }
        guard count > 1, workerCount > 0, pthread_mutex_trylock(&callerMutex) == 0 else {
            for i in 0..<count { body(i) }
            return
        }
        defer { pthread_mutex_unlock(&callerMutex) }
        withoutActuallyEscaping(body) { escapable in
            pthread_mutex_lock(&mutex)
            startWorkers(upTo: min(workerCount, count - 1))
            self.body = escapable
            self.count = count
            nextIndex = 0
            remaining = count
            publishedRemaining.store(count, ordering: .releasing)
            generation &+= 1
            publishedGeneration.store(generation, ordering: .releasing)
            pthread_cond_broadcast(&wake)
            claimPieces()
            if remaining > 0 {
                pthread_mutex_unlock(&mutex)
                Self.spin { self.publishedRemaining.load(ordering: .acquiring) == 0 }
                pthread_mutex_lock(&mutex)
            }
            while remaining > 0 { pthread_cond_wait(&done, &mutex) }
            self.body = nil
            pthread_mutex_unlock(&mutex)
        }
    }

    /// Runs unclaimed pieces of the current job. Called and returns with `mutex` held.
    private func claimPieces() {
        while nextIndex < count, let body {
            let i = nextIndex
            nextIndex += 1
            pthread_mutex_unlock(&mutex)
            body(i)
            pthread_mutex_lock(&mutex)
            remaining -= 1
            publishedRemaining.store(remaining, ordering: .releasing)
            if remaining == 0 { pthread_cond_signal(&done) }
        }
    }

    /// Starts workers lazily (an idle kernel has none). Called with `mutex` held.
    private func startWorkers(upTo wanted: Int) {
        while started < wanted {
            let box = Unmanaged.passRetained(self)
            var tid = pthread_t()
            let rc = pthread_create(&tid, nil, { arg in
                let pool = Unmanaged<WorkerPool>.fromOpaque(arg!).takeRetainedValue()
                pool.workerLoop()
                return nil
            }, box.toOpaque())
            guard rc == 0 else { box.release(); return }
            pthread_detach(tid)
            started += 1
        }
    }

    private func workerLoop() {
        pthread_mutex_lock(&mutex)
        var seen = Int.min  // a worker started for a job joins that job at once
        while true {
            if generation == seen {
                pthread_mutex_unlock(&mutex)
                Self.spin { self.publishedGeneration.load(ordering: .acquiring) != seen }
                pthread_mutex_lock(&mutex)
            }
            while generation == seen { pthread_cond_wait(&wake, &mutex) }
            seen = generation
            claimPieces()
        }
    }

    /// Busy-waits until `ready()` or until spinNanoseconds have passed.
    private static func spin(until ready: () -> Bool) {
        var start = timespec(), now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        while true {
            for _ in 0..<64 {
                if ready() { return }
                fovea_cpu_relax()
            }
            clock_gettime(CLOCK_MONOTONIC, &now)
            if (now.tv_sec - start.tv_sec) * 1_000_000_000 + (now.tv_nsec - start.tv_nsec) > spinNanoseconds { return }
        }
    }
}
