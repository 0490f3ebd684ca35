import Testing
import Tensor

/// Every fast backward kernel against its naive twin (direct loops in Double).
@Suite struct BackwardComparisonTests {
    typealias Case = KernelComparisonTests.WindowCase

    func fits(_ k: Case) -> Bool {
        convOutputSize(k.h, kernel: k.kh, stride: k.sh, padding: k.padding) > 0
            && convOutputSize(k.w, kernel: k.kw, stride: k.sw, padding: k.padding) > 0
    }

    func checkConv(_ k: Case, _ rng: inout SeededGenerator, low: Float = -1, high: Float = 1) throws {
        let x = TestData.random([k.n, k.h, k.w, k.c], &rng, low: low, high: high)
        let kernel = TestData.random([k.kh, k.kw, k.c, k.f], &rng)
        let strides = (k.sh, k.sw)
        let y = try Kernels.conv2d(input: x, kernel: kernel, bias: nil, strides: strides, padding: k.padding)
        let dy = TestData.random(y.shape, &rng)
        let slow = try NaiveKernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: strides,
                                                   padding: k.padding)
        // Recomputing the columns.
        let fast = try Kernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: strides,
                                              padding: k.padding)
        expectClose(fast.input, slow.input, "dx \(k)")
        expectClose(fast.kernel, slow.kernel, "dkernel \(k)")
        expectClose(fast.bias, slow.bias, "dbias \(k)")
        // With the columns the training forward kept; its output is conv2d's.
        let (y2, columns) = try Kernels.conv2dForTraining(input: x, kernel: kernel, bias: nil, strides: strides,
                                                          padding: k.padding)
        expectClose(y2, y, "conv2dForTraining output \(k)", tolerance: 1e-6)
        let kept = try Kernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: strides,
                                              padding: k.padding, columns: columns)
        expectClose(kept.input, slow.input, "dx with columns \(k)")
        expectClose(kept.kernel, slow.kernel, "dkernel with columns \(k)")
        // Without the input gradient.
        let noInput = try Kernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: strides,
                                                 padding: k.padding, needInputGradient: false)
        #expect(noInput.input == nil)
        expectClose(noInput.kernel, slow.kernel, "dkernel without dx \(k)")
        expectClose(noInput.bias, slow.bias, "dbias without dx \(k)")
    }

    @Test func conv2dBackwardMatchesNaive() throws {
        var rng = SeededGenerator(seed: 11)
        var ran = 0
        for k in KernelComparisonTests.cases(seed: 400, count: 48) where fits(k) {
            try checkConv(k, &rng)
            ran += 1
        }
        #expect(ran >= 30, "only \(ran) cases fit")
    }

    /// Batches that the threads split, chunked column buffers, the 1×1 direct path, odd sizes.
    @Test func conv2dBackwardLargeBatches() throws {
        var rng = SeededGenerator(seed: 12)
        let cases: [Case] = [
            Case(n: 16, h: 14, w: 14, c: 8, f: 16, kh: 3, kw: 3, sh: 1, sw: 1, padding: .valid),
            Case(n: 24, h: 40, w: 40, c: 16, f: 4, kh: 3, kw: 3, sh: 1, sw: 1, padding: .same),  // 2 chunks a part
            Case(n: 9, h: 13, w: 11, c: 8, f: 32, kh: 3, kw: 3, sh: 2, sw: 2, padding: .same),
            Case(n: 20, h: 12, w: 12, c: 16, f: 24, kh: 1, kw: 1, sh: 1, sw: 1, padding: .valid),
            Case(n: 1, h: 7, w: 9, c: 3, f: 5, kh: 3, kw: 2, sh: 2, sw: 1, padding: .valid),
        ]
        for k in cases { try checkConv(k, &rng) }
    }

    @Test func conv2dBackwardRejectsBadShapes() throws {
        let x = try Tensor(zeros: [2, 5, 5, 3]), kernel = try Tensor(zeros: [3, 3, 3, 4])
        #expect(throws: TensorError.self) {
            _ = try Kernels.conv2dBackward(input: x, kernel: kernel, gradOutput: try Tensor(zeros: [2, 3, 3, 5]),
                                           strides: (1, 1), padding: .valid)
        }
        #expect(throws: TensorError.self) {
            _ = try Kernels.conv2dBackward(input: x, kernel: kernel, gradOutput: try Tensor(zeros: [2, 3, 3, 4]),
                                           strides: (1, 1), padding: .valid, columns: try Tensor(zeros: [9, 27]))
        }
    }

    @Test func denseBackwardMatchesNaive() throws {
        var rng = SeededGenerator(seed: 13)
        for trial in 0..<24 {
            let n = Int.random(in: 1...300, &rng), i = Int.random(in: 1...200, &rng), o = Int.random(in: 1...40, &rng)
            let x = TestData.random(trial % 4 == 3 ? [2, n, i] : [n, i], &rng)
            let kernel = TestData.random([i, o], &rng)
            var outShape = x.shape
            outShape[-1] = o
            let dy = TestData.random(outShape, &rng)
            let slow = try NaiveKernels.denseBackward(input: x, kernel: kernel, gradOutput: dy)
            let fast = try Kernels.denseBackward(input: x, kernel: kernel, gradOutput: dy)
            expectClose(fast.input, slow.input, "dense dx \(x.shape) \(kernel.shape)")
            expectClose(fast.kernel, slow.kernel, "dense dkernel \(x.shape) \(kernel.shape)")
            expectClose(fast.bias, slow.bias, "dense dbias \(x.shape) \(kernel.shape)")
            let noInput = try Kernels.denseBackward(input: x, kernel: kernel, gradOutput: dy, needInputGradient: false)
            #expect(noInput.input == nil)
            expectClose(noInput.kernel, slow.kernel, "dense dkernel without dx")
        }
        #expect(throws: TensorError.self) {
            _ = try Kernels.denseBackward(input: try Tensor(zeros: [2, 3]), kernel: try Tensor(zeros: [3, 4]),
                                          gradOutput: try Tensor(zeros: [2, 5]))
        }
    }

    @Test func poolingBackwardMatchesNaive() throws {
        var rng = SeededGenerator(seed: 14)
        var ran = 0
        var cases = KernelComparisonTests.cases(seed: 500, count: 48)
        cases.append(Case(n: 32, h: 26, w: 26, c: 32, kh: 2, kw: 2, sh: 2, sw: 2, padding: .valid))  // threaded
        for k in cases where fits(k) {
            let x = TestData.random([k.n, k.h, k.w, k.c], &rng, low: -5, high: 5)
            // Ties: some windows hold a repeated maximum, which must go to the first one.
            for i in stride(from: 0, to: x.count, by: 7) { x.floats[i] = 4.5 }
            let pool = (k.kh, k.kw), strides = (k.sh, k.sw)
            let y = try Kernels.maxPool2d(input: x, pool: pool, strides: strides, padding: k.padding)
            let dy = TestData.random(y.shape, &rng)
            let maxFast = try Kernels.maxPool2dBackward(input: x, gradOutput: dy, pool: pool, strides: strides,
                                                        padding: k.padding)
            let maxSlow = try NaiveKernels.maxPool2dBackward(input: x, gradOutput: dy, pool: pool, strides: strides,
                                                             padding: k.padding)
            expectClose(maxFast, maxSlow, "max pool \(k)", tolerance: 1e-6)
            let avgFast = try Kernels.avgPool2dBackward(inputShape: x.shape, gradOutput: dy, pool: pool,
                                                        strides: strides, padding: k.padding)
            let avgSlow = try NaiveKernels.avgPool2dBackward(input: x, gradOutput: dy, pool: pool, strides: strides,
                                                             padding: k.padding)
            expectClose(avgFast, avgSlow, "average pool \(k)", tolerance: 1e-5)
            ran += 1
        }
        #expect(ran >= 30)
    }

    @Test func globalPoolingBackwardMatchesNaive() throws {
        var rng = SeededGenerator(seed: 15)
        for k in KernelComparisonTests.cases(seed: 600, count: 24) {
            let x = TestData.random([k.n, k.h, k.w, k.c], &rng)
            for i in stride(from: 0, to: x.count, by: 5) { x.floats[i] = 0.99 }  // ties
            let dy = TestData.random([k.n, k.c], &rng)
            expectClose(try Kernels.globalAvgPool2dBackward(inputShape: x.shape, gradOutput: dy),
                        try NaiveKernels.globalAvgPool2dBackward(input: x, gradOutput: dy), "global average \(k)",
                        tolerance: 1e-6)
            expectClose(try Kernels.globalMaxPool2dBackward(input: x, gradOutput: dy),
                        try NaiveKernels.globalMaxPool2dBackward(input: x, gradOutput: dy), "global max \(k)",
                        tolerance: 0)
        }
    }

    @Test func activationBackwardMatchesNaive() throws {
        var rng = SeededGenerator(seed: 16)
        for a in Activation.allCases {
            for shape: Shape in [[7], [3, 10], [2, 4, 4, 3], [500, 1000]] {
                let x = TestData.random(shape, &rng, low: -8, high: 8)
                let y = try Kernels.activation(a, x)
                let dy = TestData.random(shape, &rng)
                let fast = try Kernels.activationBackward(a, input: x, output: y, gradOutput: dy)
                let slow = try NaiveKernels.activationBackward(a, input: x, gradOutput: dy)
                expectClose(fast, slow, "\(a.rawValue) \(shape)", tolerance: 1e-5)
                // Only what the derivative needs.
                let partial = try Kernels.activationBackward(a, input: a.backwardNeedsInput ? x : nil,
                                                             output: a.backwardNeedsInput ? nil : y, gradOutput: dy)
                expectClose(partial, slow, "\(a.rawValue) \(shape) from one operand", tolerance: 1e-5)
            }
            if a != .linear {
                #expect(throws: TensorError.self, "\(a.rawValue) without operands") {
                    _ = try Kernels.activationBackward(a, input: nil, output: nil, gradOutput: try Tensor(zeros: [2]))
                }
            }
        }
    }

    @Test func batchNormTrainingMatchesNaive() throws {
        var rng = SeededGenerator(seed: 17)
        for shape: Shape in [[4, 6], [2, 5, 5, 3], [3, 8], [16, 7, 7, 8]] {
            let c = shape[-1]
            let x = TestData.random(shape, &rng, low: -3, high: 5)
            let gamma = TestData.random([c], &rng), beta = TestData.random([c], &rng)
            let dy = TestData.random(shape, &rng)
            for (g, b) in [(gamma, beta), (nil, beta), (gamma, nil)] as [(Tensor?, Tensor?)] {
                let fast = try Kernels.batchNormTraining(x, gamma: g, beta: b, epsilon: 1e-3)
                let slow = try NaiveKernels.batchNormTraining(x, gamma: g, beta: b, epsilon: 1e-3)
                expectClose(fast.output, slow.output, "batch norm output \(shape)")
                expectClose(fast.mean, slow.mean, "batch norm mean \(shape)", tolerance: 1e-5)
                expectClose(fast.variance, slow.variance, "batch norm variance \(shape)", tolerance: 1e-5)
                let fastBack = try Kernels.batchNormTrainingBackward(gradOutput: dy, normalized: fast.normalized,
                                                                     inverseStd: fast.inverseStd, gamma: g)
                let slowBack = try NaiveKernels.batchNormTrainingBackward(x, gamma: g, gradOutput: dy, epsilon: 1e-3)
                expectClose(fastBack.input, slowBack.input, "batch norm dx \(shape)")
                expectClose(fastBack.gamma, slowBack.gamma, "batch norm dgamma \(shape)")
                expectClose(fastBack.beta, slowBack.beta, "batch norm dbeta \(shape)")
            }
        }
    }

    /// The channel axis need not be the last: axis 1 of [N, C, L] is the same as the last axis of
    /// the transposed [N, L, C].
    @Test func batchNormTrainingOnAnotherAxis() throws {
        var rng = SeededGenerator(seed: 18)
        let n = 3, c = 4, l = 5
        let x = TestData.random([n, c, l], &rng, low: -2, high: 2), dy = TestData.random([n, c, l], &rng)
        let xt = try Tensor(zeros: [n, l, c]), dyt = try Tensor(zeros: [n, l, c])
        for s in 0..<n { for ch in 0..<c { for k in 0..<l {
            xt.floats[(s * l + k) * c + ch] = x.floats[(s * c + ch) * l + k]
            dyt.floats[(s * l + k) * c + ch] = dy.floats[(s * c + ch) * l + k]
        } } }
        let a = try Kernels.batchNormTraining(x, gamma: nil, beta: nil, epsilon: 1e-3, axis: 1)
        let b = try Kernels.batchNormTraining(xt, gamma: nil, beta: nil, epsilon: 1e-3)
        expectClose(a.mean, b.mean, "mean", tolerance: 1e-6)
        expectClose(a.variance, b.variance, "variance", tolerance: 1e-6)
        let da = try Kernels.batchNormTrainingBackward(gradOutput: dy, normalized: a.normalized,
                                                       inverseStd: a.inverseStd, gamma: nil, axis: 1)
        let db = try Kernels.batchNormTrainingBackward(gradOutput: dyt, normalized: b.normalized,
                                                       inverseStd: b.inverseStd, gamma: nil)
        expectClose(da.gamma, db.gamma, "dgamma", tolerance: 1e-5)
        for s in 0..<n { for ch in 0..<c { for k in 0..<l {
            #expect(abs(da.input.floats[(s * c + ch) * l + k] - db.input.floats[(s * l + k) * c + ch]) < 1e-5)
        } } }
    }
}
