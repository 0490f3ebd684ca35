import Testing
import Tensor

/// The shallow-window convolution (CKernels, AVX2) against the naive twin, on the shapes it takes:
/// kernel_h * kernel_w * channels <= 32 and filters a multiple of 8, with both paddings, strides,
/// a filter count that leaves a block of 8 after the blocks of 32, and windows wider than tall.
@Suite struct ShallowConvTests {
    typealias Case = KernelComparisonTests.WindowCase

    static var cases: [Case] {
        var out: [Case] = []
        let shapes: [(c: Int, kh: Int, kw: Int, f: Int, sh: Int, sw: Int)] = [
            (1, 3, 3, 32, 1, 1), (1, 3, 3, 40, 2, 2), (3, 3, 3, 16, 1, 2), (1, 5, 5, 8, 1, 1),
            (2, 2, 4, 24, 2, 1), (1, 1, 3, 64, 1, 1), (3, 2, 2, 8, 3, 3),
        ]
        for (i, s) in shapes.enumerated() {
            for padding in [Padding.valid, .same] {
                var k = Case()
                k.n = 3 + i % 2; k.h = 9 + i; k.w = 7 + 2 * i; k.c = s.c; k.f = s.f
                k.kh = s.kh; k.kw = s.kw; k.sh = s.sh; k.sw = s.sw; k.padding = padding
                out.append(k)
            }
        }
        return out
    }

    @Test func forwardAndParameterGradientsMatchNaive() throws {
        try OneDNN.$enabled.withValue(false) {  // CKernels' own path, not oneDNN's
            var rng = SeededGenerator(seed: 31)
            for k in Self.cases {
                let x = TestData.random([k.n, k.h, k.w, k.c], &rng)
                let kernel = TestData.random([k.kh, k.kw, k.c, k.f], &rng)
                let bias = TestData.random([k.f], &rng)
                let strides = (k.sh, k.sw)
                let fast = try Kernels.conv2d(input: x, kernel: kernel, bias: bias, strides: strides, padding: k.padding)
                let slow = try NaiveKernels.conv2d(input: x, kernel: kernel, bias: bias, strides: strides, padding: k.padding)
                expectClose(fast, slow, "forward \(k)")
                let (trained, columns) = try Kernels.conv2dForTraining(input: x, kernel: kernel, bias: bias,
                                                                       strides: strides, padding: k.padding)
                expectClose(trained, slow, "training forward \(k)")

                let dy = TestData.random(fast.shape, &rng)
                let naive = try NaiveKernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: strides,
                                                            padding: k.padding)
                let first = try Kernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: strides,
                                                       padding: k.padding, needInputGradient: false, columns: columns)
                #expect(first.input == nil)
                expectClose(first.kernel, naive.kernel, "dkernel \(k)")
                expectClose(first.bias, naive.bias, "dbias \(k)")
                // A shallow layer that is not first still gets its input gradient (im2col path).
                let inner = try Kernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: strides,
                                                       padding: k.padding, columns: columns)
                if let dx = inner.input { expectClose(dx, naive.input, "dx \(k)") } else { Issue.record("no dx \(k)") }
                expectClose(inner.kernel, naive.kernel, "dkernel with dx \(k)")
            }
        }
    }

    /// The batch split over the cores: a batch large enough for two parts gives the same sums.
    @Test func largeBatchMatchesNaive() throws {
        try OneDNN.$enabled.withValue(false) {  // CKernels' own path, not oneDNN's
            var rng = SeededGenerator(seed: 32)
            let x = TestData.random([64, 28, 28, 1], &rng)
            let kernel = TestData.random([3, 3, 1, 32], &rng), bias = TestData.random([32], &rng)
            let fast = try Kernels.conv2d(input: x, kernel: kernel, bias: bias, strides: (1, 1), padding: .valid)
            let slow = try NaiveKernels.conv2d(input: x, kernel: kernel, bias: bias, strides: (1, 1), padding: .valid)
            expectClose(fast, slow, "forward")
            let dy = TestData.random(fast.shape, &rng)
            let naive = try NaiveKernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: (1, 1),
                                                        padding: .valid)
            let grads = try Kernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: (1, 1),
                                                   padding: .valid, needInputGradient: false)
            expectClose(grads.kernel, naive.kernel, "dkernel")
            expectClose(grads.bias, naive.bias, "dbias")
        }
    }

    /// relu fused into the kernels (shallow, im2col and 1x1 paths) against the naive convolution
    /// followed by relu, and its backward against the naive gradient of dy masked where y > 0.
    @Test func fusedReluMatchesNaive() throws {
        try OneDNN.$enabled.withValue(false) {  // CKernels' own path, not oneDNN's
            var rng = SeededGenerator(seed: 33)
            var cases = Array(Self.cases.prefix(6))
            var deep = Case(); deep.n = 2; deep.h = 8; deep.w = 9; deep.c = 8; deep.f = 5; deep.kh = 3; deep.kw = 3
            var pointwise = deep; pointwise.kh = 1; pointwise.kw = 1; pointwise.padding = .same
            cases += [deep, pointwise]
            for k in cases {
                let x = TestData.random([k.n, k.h, k.w, k.c], &rng)
                let kernel = TestData.random([k.kh, k.kw, k.c, k.f], &rng)
                let bias = TestData.random([k.f], &rng)
                let strides = (k.sh, k.sw)
                let z = try NaiveKernels.conv2d(input: x, kernel: kernel, bias: bias, strides: strides, padding: k.padding)
                let expected = try Kernels.activation(.relu, z)
                let y = try Kernels.conv2d(input: x, kernel: kernel, bias: bias, strides: strides, padding: k.padding,
                                           relu: true)
                expectClose(y, expected, "relu forward \(k)")
                try TestData.checkReluTrainingStep(input: x, kernel: kernel, bias: bias, strides: strides,
                                                   padding: k.padding, expected: expected, &rng, "\(k)")
            }
        }
    }

    /// A NaN in the input stays NaN through the fused relu (so that fit's NaN check sees it),
    /// in the shallow kernel and in the im2col path alike.
    @Test func fusedReluKeepsNaN() throws {
        try OneDNN.$enabled.withValue(false) {  // CKernels' own path, not oneDNN's
            for channels in [1, 8] {
                var input = [Float](repeating: 0.5, count: 2 * 6 * 6 * channels)
                input[(6 * 2 + 2) * channels] = .nan  // image 0, cell (2, 2), channel 0
                let x = try Tensor(shape: [2, 6, 6, channels], floats: input)
                let kernel = try Tensor(repeating: -1, shape: [3, 3, channels, 8])
                let y = try Kernels.conv2d(input: x, kernel: kernel, bias: nil, strides: (1, 1), padding: .valid, relu: true)
                let values = y.floatArray
                #expect(values[0].isNaN, "channels \(channels): the window over the NaN")
                #expect(values[(4 * 4) * 8] == 0, "channels \(channels): image 1 has no NaN; relu of a negative sum is 0")
            }
        }
    }
}

/// relu(conv) and 2x2 max pooling in one kernel, against the naive twins in sequence.
@Suite struct ConvPoolTests {
    @Test(arguments: [(1, 3, 32, 1, 28, 28), (1, 3, 40, 1, 13, 11), (3, 3, 8, 2, 15, 16), (2, 2, 24, 1, 9, 7)])
    func matchesNaiveConvReluPool(_ k: (Int, Int, Int, Int, Int, Int)) throws {
        let (c, size, f, stride, h, w) = k
        var rng = SeededGenerator(seed: UInt64(c * 100 + f))
        let x = TestData.random([2, h, w, c], &rng)
        let kernel = TestData.random([size, size, c, f], &rng), bias = TestData.random([f], &rng)
        guard let fused = try Kernels.conv2dReluMaxPool2x2(input: x, kernel: kernel, bias: bias, strides: (stride, stride),
                                                          padding: .valid) else {
            #expect(!Kernels.vectorKernelsAvailable, "the fused kernel should apply to \(k)")
            return
        }
        let z = try NaiveKernels.conv2d(input: x, kernel: kernel, bias: bias, strides: (stride, stride), padding: .valid)
        let pooled = try NaiveKernels.maxPool2d(input: try Kernels.activation(.relu, z), pool: (2, 2), strides: (2, 2),
                                                padding: .valid)
        #expect(fused.shape == pooled.shape)
        guard let (diff, at) = TestData.maxDifference(fused, pooled, relativeToLargest: true) else { return }
        #expect(diff <= 1e-4, "largest difference \(diff) at \(at)")
    }

    @Test func declinesWhatItCannotDo() throws {
        var rng = SeededGenerator(seed: 5)
        let x = TestData.random([1, 8, 8, 8], &rng)
        let deep = TestData.random([3, 3, 8, 8], &rng)  // 72 taps: the im2col path
        #expect(try Kernels.conv2dReluMaxPool2x2(input: x, kernel: deep, bias: nil, strides: (1, 1), padding: .valid) == nil)
        let shallow = TestData.random([3, 3, 1, 8], &rng)
        let grey = TestData.random([1, 8, 8, 1], &rng)
        #expect(try Kernels.conv2dReluMaxPool2x2(input: grey, kernel: shallow, bias: nil, strides: (1, 1), padding: .same) == nil)
    }
}
