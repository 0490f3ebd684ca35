import Testing
import Tensor

@Suite struct BLASTests {
    @Test func reportsLibrary() {
        BLAS.warmUp()
        print("BLAS: library \(BLAS.libraryPath ?? "none"), coreType \(BLAS.coreType ?? "nil"), "
            + "override \(BLAS.coreTypeOverride ?? "nil"), fallback \(BLAS.isFallback), "
            + "linked eagerly \(BLAS.wasLinkedEagerly), threads per call \(BLAS.threadsPerCall)"
            + (BLAS.loadError.map { ", error \($0)" } ?? ""))
        #expect(!BLAS.isFallback, "OpenBLAS is installed on the build machines")
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func sgemmMatchesTripleLoop(transA: Bool, transB: Bool) {
        var rng = SeededGenerator(seed: 99)
        for trial in 0..<12 {
            let m = Int.random(in: 1...40, &rng), n = Int.random(in: 1...40, &rng), k = Int.random(in: 1...40, &rng)
            // Leading dimensions a little larger than needed, to test strides.
            let lda = (transA ? m : k) + trial % 3, ldb = (transB ? k : n) + trial % 2, ldc = n + 1
            let a = (0..<((transA ? k : m) * lda)).map { _ in rng.uniformFloat(-1, 1) }
            let b = (0..<((transB ? n : k) * ldb)).map { _ in rng.uniformFloat(-1, 1) }
            let c0 = (0..<(m * ldc)).map { _ in rng.uniformFloat(-1, 1) }
            let alpha: Float = trial % 2 == 0 ? 1 : 0.5, beta: Float = trial % 3 == 0 ? 0 : 1.5
            var fast = c0, slow = c0
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    fast.withUnsafeMutableBufferPointer { cp in
                        BLAS.sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: ap.baseAddress!,
                                   lda: lda, b: bp.baseAddress!, ldb: ldb, beta: beta, c: cp.baseAddress!, ldc: ldc)
                    }
                    slow.withUnsafeMutableBufferPointer { cp in
                        BLAS.naiveSgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                                        a: ap.baseAddress!, lda: lda, b: bp.baseAddress!, ldb: ldb, beta: beta,
                                        c: cp.baseAddress!, ldc: ldc)
                    }
                }
            }
            let worst = zip(fast, slow).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-4, "m \(m) n \(n) k \(k) lda \(lda) ldb \(ldb) alpha \(alpha) beta \(beta): \(worst)")
        }
    }

    @Test func knownProduct() {
        // [[1, 2], [3, 4]] x [[5, 6], [7, 8]] = [[19, 22], [43, 50]]
        let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8]
        var c = [Float](repeating: 0, count: 4)
        BLAS.sgemm(transA: false, transB: false, m: 2, n: 2, k: 2, alpha: 1, a: a, lda: 2, b: b, ldb: 2,
                   beta: 0, c: &c, ldc: 2)
        #expect(c == [19, 22, 43, 50])
    }
}
