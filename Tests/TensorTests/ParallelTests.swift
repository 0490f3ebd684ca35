import Glibc
import Synchronization
import Testing
import Tensor

@Suite struct ParallelTests {
    @Test func everyPieceRunsExactlyOnceAcrossManyCalls() {
        let hits = Mutex([Int](repeating: 0, count: 8))
        for _ in 0..<2000 {
            Parallel.forEach(8) { i in hits.withLock { $0[i] += 1 } }
        }
        #expect(hits.withLock { $0 } == [Int](repeating: 2000, count: 8))
    }

    @Test func usesAnotherThreadWhenThereIsMoreThanOneCore() {
        let threads = Mutex(Set<UInt>())
        for _ in 0..<200 {
            Parallel.forEach(2) { _ in
                threads.withLock { _ = $0.insert(UInt(bitPattern: Int(bitPattern: UInt(pthread_self())))) }
                usleep(200)
            }
        }
        #expect(threads.withLock { $0.count } >= min(2, Parallel.coreCount))
    }

    @Test func nestedCallsRunInlineInsteadOfDeadlocking() {
        let total = Mutex(0)
        Parallel.forEach(2) { _ in
            Parallel.forEach(3) { _ in total.withLock { $0 += 1 } }
        }
        #expect(total.withLock { $0 } == 6)
    }

    @Test func rangesCoverTheWholeSpanOnce() {
        let covered = Mutex([Int](repeating: 0, count: 1001))
        Parallel.forRanges(1001, work: 100_000_000) { r in
            covered.withLock { for i in r { $0[i] += 1 } }
        }
        #expect(covered.withLock { $0 }.allSatisfy { $0 == 1 })
    }
}
