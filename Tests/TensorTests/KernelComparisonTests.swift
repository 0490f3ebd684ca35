import Testing
import Tensor

/// Every fast kernel against its naive twin on seeded random shapes.
@Suite struct KernelComparisonTests {
    struct WindowCase: CustomStringConvertible {
        var n = 1, h = 1, w = 1, c = 1, f = 1, kh = 1, kw = 1, sh = 1, sw = 1
        var padding = Padding.valid
        var description: String {
            "input (\(n), \(h), \(w), \(c)) window (\(kh), \(kw)) filters \(f) strides (\(sh), \(sw)) \(padding.rawValue)"
        }
    }

    /// Random cases, plus windows larger than the input with 'same' padding.
    static func cases(seed: UInt64, count: Int) -> [WindowCase] {
        var rng = SeededGenerator(seed: seed)
        var out: [WindowCase] = []
        for i in 0..<count {
            var k = WindowCase()
            k.n = .random(in: 1...4, &rng); k.h = .random(in: 1...12, &rng); k.w = .random(in: 1...12, &rng)
            k.c = .random(in: 1...8, &rng); k.f = .random(in: 1...8, &rng)
            k.kh = .random(in: 1...5, &rng); k.kw = .random(in: 1...5, &rng)
            k.sh = .random(in: 1...3, &rng); k.sw = .random(in: 1...3, &rng)
            k.padding = i % 2 == 0 ? .valid : .same
            if i % 8 == 7 {  // kernel larger than the input
                k.h = .random(in: 1...3, &rng); k.w = .random(in: 1...3, &rng)
                k.kh = .random(in: 4...5, &rng); k.kw = .random(in: 4...5, &rng)
                k.padding = .same
            }
            out.append(k)
        }
        return out
    }

    /// Runs fast and naive; both must throw (window does not fit) or agree within 1e-4.
    func compare(_ k: WindowCase, _ what: String, fast: () throws -> Tensor, naive: () throws -> Tensor) -> Bool {
        let fits = convOutputSize(k.h, kernel: k.kh, stride: k.sh, padding: k.padding) > 0
            && convOutputSize(k.w, kernel: k.kw, stride: k.sw, padding: k.padding) > 0
        guard fits else {
            #expect(throws: TensorError.self, "\(what) \(k) should not fit") { _ = try fast() }
            #expect(throws: TensorError.self, "\(what) \(k) should not fit") { _ = try naive() }
            return false
        }
        do {
            let a = try fast(), b = try naive()
            let oh = convOutputSize(k.h, kernel: k.kh, stride: k.sh, padding: k.padding)
            #expect(a.shape[1] == oh, "\(what) \(k): output \(a.shape)")
            guard let (diff, at) = TestData.maxDifference(a, b) else {
                Issue.record("\(what) \(k): shapes \(a.shape) vs \(b.shape)")
                return true
            }
            if diff > 1e-4 {
                print("FAIL \(what) \(k): largest difference \(diff) at flat index \(at) "
                    + "(fast \(a.floatArray[at]), naive \(b.floatArray[at]))")
            }
            #expect(diff <= 1e-4, "\(what) \(k): largest difference \(diff) at \(at)")
        } catch {
            Issue.record("\(what) \(k): \(error)")
        }
        return true
    }

    @Test func conv2dMatchesNaive() {
        var rng = SeededGenerator(seed: 1)
        var ran = 0
        let all = Self.cases(seed: 100, count: 64)
        for k in all {
            let x = TestData.random([k.n, k.h, k.w, k.c], &rng)
            let kernel = TestData.random([k.kh, k.kw, k.c, k.f], &rng)
            let bias = ran % 3 == 2 ? nil : TestData.random([k.f], &rng)
            if compare(k, "conv2d", fast: {
                try Kernels.conv2d(input: x, kernel: kernel, bias: bias, strides: (k.sh, k.sw), padding: k.padding)
            }, naive: {
                try NaiveKernels.conv2d(input: x, kernel: kernel, bias: bias, strides: (k.sh, k.sw), padding: k.padding)
            }) { ran += 1 }
        }
        #expect(ran >= 40, "only \(ran) of \(all.count) cases fit")
    }

    @Test func conv2dLargeValuesAndBatches() throws {
        // Bigger batches exercise the threaded split and the chunked im2col buffer.
        var rng = SeededGenerator(seed: 2)
        for (n, hw, c, f, k, s, p) in [(37, 28, 1, 32, 3, 1, Padding.valid), (9, 26, 32, 64, 3, 1, .same),
                                       (16, 14, 8, 16, 1, 1, .valid), (5, 11, 3, 4, 1, 2, .same)] {
            let x = TestData.random([n, hw, hw, c], &rng, low: -100, high: 100)
            let kernel = TestData.random([k, k, c, f], &rng)
            let bias = TestData.random([f], &rng)
            let a = try Kernels.conv2d(input: x, kernel: kernel, bias: bias, strides: (s, s), padding: p)
            let b = try NaiveKernels.conv2d(input: x, kernel: kernel, bias: bias, strides: (s, s), padding: p)
            let (diff, _) = TestData.maxDifference(a, b, relativeToLargest: true)!
            #expect(diff <= 1e-4, "n \(n) hw \(hw) c \(c) f \(f) k \(k) s \(s) \(p): \(diff)")
        }
    }

    @Test func poolingMatchesNaive() {
        var rng = SeededGenerator(seed: 3)
        var ran = 0
        for k in Self.cases(seed: 200, count: 64) {
            let x = TestData.random([k.n, k.h, k.w, k.c], &rng, low: -5, high: 5)
            let pool = (k.kh, k.kw), strides = (k.sh, k.sw)
            let fitMax = compare(k, "max_pool2d", fast: {
                try Kernels.maxPool2d(input: x, pool: pool, strides: strides, padding: k.padding)
            }, naive: {
                try NaiveKernels.maxPool2d(input: x, pool: pool, strides: strides, padding: k.padding)
            })
            _ = compare(k, "average_pool2d", fast: {
                try Kernels.avgPool2d(input: x, pool: pool, strides: strides, padding: k.padding)
            }, naive: {
                try NaiveKernels.avgPool2d(input: x, pool: pool, strides: strides, padding: k.padding)
            })
            if fitMax { ran += 1 }
        }
        #expect(ran >= 40)
    }

    @Test func globalPoolingMatchesNaive() throws {
        var rng = SeededGenerator(seed: 4)
        for k in Self.cases(seed: 300, count: 32) {
            let x = TestData.random([k.n, k.h, k.w, k.c], &rng)
            let a = try Kernels.globalAvgPool2d(x), b = try NaiveKernels.globalAvgPool2d(x)
            #expect(a.shape == [k.n, k.c])
            #expect(TestData.maxDifference(a, b)!.diff <= 1e-4, "global average \(k)")
            let c = try Kernels.globalMaxPool2d(x), d = try NaiveKernels.globalMaxPool2d(x)
            #expect(TestData.maxDifference(c, d)!.diff == 0, "global max \(k)")
        }
    }

    @Test func denseMatchesNaive() throws {
        var rng = SeededGenerator(seed: 5)
        for trial in 0..<40 {
            let n = Int.random(in: 1...70, &rng), i = Int.random(in: 1...300, &rng), o = Int.random(in: 1...40, &rng)
            let x = TestData.random(trial % 5 == 4 ? [2, n, i] : [n, i], &rng)
            let kernel = TestData.random([i, o], &rng)
            let bias = trial % 2 == 0 ? TestData.random([o], &rng) : nil
            let a = try Kernels.dense(input: x, kernel: kernel, bias: bias)
            let b = try NaiveKernels.dense(input: x, kernel: kernel, bias: bias)
            #expect(a.shape[-1] == o && a.shape.rank == x.shape.rank)
            let (diff, at) = TestData.maxDifference(a, b)!
            if diff > 1e-4 { print("FAIL dense x \(x.shape) kernel \(kernel.shape): \(diff) at \(at)") }
            #expect(diff <= 1e-4, "dense x \(x.shape) kernel \(kernel.shape)")
        }
    }

    @Test func activationsMatchNaive() throws {
        var rng = SeededGenerator(seed: 6)
        for a in Activation.allCases {
            for shape: Shape in [[7], [3, 10], [2, 4, 4, 3], [5, 1]] {
                let x = TestData.random(shape, &rng, low: -8, high: 8)
                let fast = try Kernels.activation(a, x), slow = try NaiveKernels.activation(a, x)
                let (diff, at) = TestData.maxDifference(fast, slow)!
                #expect(diff <= 1e-5, "\(a.rawValue) \(shape): \(diff) at \(at)")
            }
        }
    }

    @Test func batchNormMatchesNaive() throws {
        var rng = SeededGenerator(seed: 7)
        for shape: Shape in [[4, 6], [2, 5, 5, 3], [1, 1], [3, 8]] {
            let c = shape[-1]
            let x = TestData.random(shape, &rng, low: -3, high: 3)
            let gamma = TestData.random([c], &rng), beta = TestData.random([c], &rng)
            let mean = TestData.random([c], &rng), variance = TestData.random([c], &rng, low: 0.1, high: 2)
            for (g, b) in [(gamma, beta), (nil, beta), (gamma, nil)] as [(Tensor?, Tensor?)] {
                let fast = try Kernels.batchNormInference(x, gamma: g, beta: b, movingMean: mean,
                                                          movingVariance: variance, epsilon: 1e-3)
                let slow = try NaiveKernels.batchNormInference(x, gamma: g, beta: b, movingMean: mean,
                                                               movingVariance: variance, epsilon: 1e-3)
                #expect(TestData.maxDifference(fast, slow)!.diff <= 1e-5, "batch norm \(shape)")
            }
        }
    }
}
