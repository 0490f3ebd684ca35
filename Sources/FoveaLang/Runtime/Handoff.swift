import Glibc
import Synchronization

/// One direction of a generator's hand-over between two threads that take turns: `post()` says
/// "your turn", `wait()` returns once it was said. The waiter first spins for a short while,
/// since the other side usually answers within microseconds (a generator computing its next
/// value), and only then sleeps on a semaphore: a semaphore alone costs two thread wake-ups per
/// value, which dominated a generator's cost.
final class Handoff: @unchecked Sendable {
    /// empty: nothing posted; posted: a post not yet taken; sleeping: the waiter sleeps on the
    /// semaphore and the poster must wake it.
    private enum State { static let empty = 0, posted = 1, sleeping = 2 }
    private let state = Atomic<Int>(State.empty)
    private let semaphore = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    static let spinNanoseconds = 50_000

    init() { sem_init(semaphore, 0, 0) }
    deinit { sem_destroy(semaphore); semaphore.deallocate() }

    func post() {
        if state.exchange(State.posted, ordering: .acquiringAndReleasing) == State.sleeping { sem_post(semaphore) }
    }

    func wait() {
        var start = timespec(), now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        var spins = 0
        while true {
            if state.compareExchange(expected: State.posted, desired: State.empty, ordering: .acquiringAndReleasing).exchanged { return }
            spins += 1
            if spins & 63 == 0 {
                clock_gettime(CLOCK_MONOTONIC, &now)
                if (now.tv_sec - start.tv_sec) * 1_000_000_000 + (now.tv_nsec - start.tv_nsec) > Self.spinNanoseconds { break }
            }
        }
        // Announce the sleep; if a post came in between, take it instead.
        if state.compareExchange(expected: State.empty, desired: State.sleeping, ordering: .acquiringAndReleasing).exchanged {
            while sem_wait(semaphore) != 0 {}
        }
        state.store(State.empty, ordering: .releasing)
    }
}
