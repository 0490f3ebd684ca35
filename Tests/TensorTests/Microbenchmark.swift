import Glibc
import Testing
import Tensor

/// Not a test: prints timings of the fast kernels on the shapes of the tutorial's pooling CNN
/// (batch 128). Runs only with FOVEA_TENSOR_BENCH=1; asserts nothing about time.
@Suite struct Microbenchmark {
    static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    static func time(_ label: String, flops: Double, repeats: Int = 5, _ body: () throws -> Void) rethrows {
        try body()  // warm-up (and BLAS loading)
        var best = Double.infinity
        for _ in 0..<repeats {
            let t0 = seconds()
            try body()
            best = min(best, seconds() - t0)
        }
        let rate = flops > 0 ? ", \(Int(flops / best / 1e9)) GFLOP/s" : ""
        print("bench \(label): \(Double(Int(best * 1e6)) / 1000) ms\(rate)")
    }

    @Test(.enabled(if: getenv("FOVEA_TENSOR_BENCH") != nil))
    func pooledCNNForward() throws {
        var rng = SeededGenerator(seed: 1)
        let n = 128
        let x = TestData.random([n, 28, 28, 1], &rng)
        let k1 = TestData.random([3, 3, 1, 32], &rng), b1 = TestData.random([32], &rng)
        let k2 = TestData.random([3, 3, 32, 64], &rng), b2 = TestData.random([64], &rng)
        let k3 = TestData.random([3, 3, 64, 64], &rng), b3 = TestData.random([64], &rng)
        let a1 = TestData.random([n, 26, 26, 32], &rng)
        let a2 = TestData.random([n, 13, 13, 32], &rng)
        let a3 = TestData.random([n, 5, 5, 64], &rng)
        let d1 = TestData.random([n, 576], &rng), w1 = TestData.random([576, 64], &rng)
        print("bench BLAS \(BLAS.libraryPath ?? "fallback"), core \(BLAS.coreType ?? "nil"), "
            + "threads \(Parallel.maxThreads)")
        for threads in [1, Parallel.coreCount] {
            Parallel.maxThreads = threads
            try Self.time("t\(threads) conv1 28x28x1->32", flops: 2.0 * Double(n * 26 * 26 * 9 * 32)) {
                _ = try Kernels.conv2d(input: x, kernel: k1, bias: b1, strides: (1, 1), padding: .valid)
            }
            try Self.time("t\(threads) conv2 13x13x32->64", flops: 2.0 * Double(n * 11 * 11 * 288 * 64)) {
                _ = try Kernels.conv2d(input: a2, kernel: k2, bias: b2, strides: (1, 1), padding: .valid)
            }
            try Self.time("t\(threads) conv3 5x5x64->64", flops: 2.0 * Double(n * 3 * 3 * 576 * 64)) {
                _ = try Kernels.conv2d(input: a3, kernel: k3, bias: b3, strides: (1, 1), padding: .valid)
            }
            try Self.time("t\(threads) maxpool 26x26x32", flops: 0) {
                _ = try Kernels.maxPool2d(input: a1, pool: (2, 2), strides: (2, 2), padding: .valid)
            }
            try Self.time("t\(threads) dense 576->64", flops: 2.0 * Double(n * 576 * 64)) {
                _ = try Kernels.dense(input: d1, kernel: w1, bias: nil)
            }
            try Self.time("t\(threads) relu 26x26x32", flops: 0) {
                _ = try Kernels.activation(.relu, a1)
            }
        }
        Parallel.maxThreads = Parallel.coreCount
    }
}
