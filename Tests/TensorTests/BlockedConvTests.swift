import Testing
import Tensor

/// The register-blocked convolution (CKernels, AVX2) against the naive twin, on the shapes it
/// takes: windows deeper than the shallow kernel's 32 taps, filters a multiple of 8. The cases cover the tutorial CNN's second and third convolutions, a filter count that
/// leaves a block of 8 after the blocks of 16, output cell counts that leave a partial block of
/// six (and cross the kernel's chunks of 240 cells and the split over the cores), strides, a
/// 'same' padding that pads nothing, and paddings that pad (zero-padded copies of the images, a
/// few at a time: the last case needs several chunks per core); each through inference, the
/// training forward and the gradients.
@Suite struct BlockedConvTests {
    struct Case: CustomStringConvertible {
        var n: Int, h: Int, w: Int, c: Int, kh: Int, kw: Int, f: Int, sh = 1, sw = 1, padding = Padding.valid
        var description: String {
            "input (\(n), \(h), \(w), \(c)) window (\(kh), \(kw)) filters \(f) strides (\(sh), \(sw)) \(padding.rawValue)"
        }
    }

    static let cases: [Case] = [
        Case(n: 3, h: 13, w: 13, c: 32, kh: 3, kw: 3, f: 64),
        Case(n: 2, h: 5, w: 5, c: 64, kh: 3, kw: 3, f: 64),
        Case(n: 2, h: 9, w: 8, c: 8, kh: 3, kw: 3, f: 24),
        Case(n: 3, h: 11, w: 10, c: 5, kh: 3, kw: 2, f: 40, sh: 2, sw: 1),
        Case(n: 1, h: 12, w: 12, c: 4, kh: 5, kw: 5, f: 8, sh: 2, sw: 3),
        Case(n: 2, h: 8, w: 8, c: 16, kh: 2, kw: 2, f: 16, sh: 2, sw: 2, padding: .same),
        Case(n: 2, h: 7, w: 6, c: 12, kh: 3, kw: 3, f: 16, padding: .same),
        Case(n: 40, h: 9, w: 9, c: 16, kh: 3, kw: 3, f: 32),
        Case(n: 2, h: 11, w: 9, c: 8, kh: 3, kw: 3, f: 16, sh: 2, sw: 2),
        Case(n: 2, h: 9, w: 10, c: 8, kh: 3, kw: 3, f: 16, sh: 2, sw: 2, padding: .same),
        Case(n: 64, h: 12, w: 12, c: 16, kh: 3, kw: 3, f: 16, padding: .same),
    ]

    @Test(arguments: cases) func matchesNaive(_ k: Case) throws {
        try OneDNN.$enabled.withValue(false) {  // CKernels' own path, not oneDNN's
            var rng = SeededGenerator(seed: UInt64(k.c * 1000 + k.f * 10 + k.kh))
            let x = TestData.random([k.n, k.h, k.w, k.c], &rng)
            let kernel = TestData.random([k.kh, k.kw, k.c, k.f], &rng), bias = TestData.random([k.f], &rng)
            let strides = (k.sh, k.sw)
            let z = try NaiveKernels.conv2d(input: x, kernel: kernel, bias: bias, strides: strides, padding: k.padding)
            expectClose(try Kernels.conv2d(input: x, kernel: kernel, bias: bias, strides: strides, padding: k.padding), z,
                        "forward \(k)")
            let noBias = try NaiveKernels.conv2d(input: x, kernel: kernel, bias: nil, strides: strides, padding: k.padding)
            expectClose(try Kernels.conv2d(input: x, kernel: kernel, bias: nil, strides: strides, padding: k.padding),
                        noBias, "forward without bias \(k)")
            let expected = try Kernels.activation(.relu, z)
            let y = try Kernels.conv2d(input: x, kernel: kernel, bias: bias, strides: strides, padding: k.padding, relu: true)
            expectClose(y, expected, "relu forward \(k)")
            #expect(y.floatArray.allSatisfy { $0 >= 0 }, "relu forward \(k): no negative outputs")

            // A training step: the blocked kernel gradient, and dX with it.
            try TestData.checkReluTrainingStep(input: x, kernel: kernel, bias: bias, strides: strides, padding: k.padding,
                                               expected: expected, &rng, "\(k)")
        }
    }

    /// Stride-1 input gradients (dY · Kᵀ added into each window), with 'same' padding that pads
    /// unevenly, a window wider than tall, and filter counts the forward kernel does not take.
    static let gradientCases: [Case] = [
        Case(n: 3, h: 13, w: 13, c: 32, kh: 3, kw: 3, f: 64),
        Case(n: 2, h: 5, w: 5, c: 64, kh: 3, kw: 3, f: 64),
        Case(n: 2, h: 9, w: 8, c: 8, kh: 3, kw: 3, f: 5),
        Case(n: 2, h: 7, w: 6, c: 16, kh: 3, kw: 3, f: 12, padding: .same),
        Case(n: 3, h: 6, w: 9, c: 8, kh: 2, kw: 4, f: 16, padding: .same),
        Case(n: 40, h: 9, w: 9, c: 16, kh: 3, kw: 3, f: 32),
    ]

    @Test(arguments: gradientCases) func inputGradientMatchesNaive(_ k: Case) throws {
        try OneDNN.$enabled.withValue(false) {  // CKernels' own path, not oneDNN's
            var rng = SeededGenerator(seed: UInt64(k.c * 1000 + k.f * 10 + k.kw))
            let x = TestData.random([k.n, k.h, k.w, k.c], &rng)
            let kernel = TestData.random([k.kh, k.kw, k.c, k.f], &rng)
            let y = try NaiveKernels.conv2d(input: x, kernel: kernel, bias: nil, strides: (1, 1), padding: k.padding)
            let dy = TestData.random(y.shape, &rng)
            let naive = try NaiveKernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: (1, 1),
                                                        padding: k.padding)
            let fast = try Kernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: (1, 1),
                                                  padding: k.padding)
            guard let dx = fast.input else { Issue.record("no input gradient for \(k)"); return }
            expectClose(dx, naive.input, "dx \(k)")
            expectClose(fast.kernel, naive.kernel, "dkernel \(k)")
            expectClose(fast.bias, naive.bias, "dbias \(k)")
        }
    }

    /// The kernel's accumulators start from the bias and every filter block is written: outputs
    /// that depend on one input cell only, with a kernel of ones, give that cell plus the bias.
    @Test func everyFilterAndCellIsWritten() throws {
        try OneDNN.$enabled.withValue(false) {  // CKernels' own path, not oneDNN's
            let n = 2, h = 6, w = 7, c = 40, f = 24
            let x = try Tensor(shape: [n, h, w, c], floats: (0..<(n * h * w * c)).map { Float($0 % 97) })
            let kernel = try Tensor(repeating: 1, shape: [2, 2, c, f])
            let bias = try Tensor(shape: [f], floats: (0..<f).map { Float($0) * 1000 })
            let y = try Kernels.conv2d(input: x, kernel: kernel, bias: bias, strides: (2, 2), padding: .valid)
            let expected = try NaiveKernels.conv2d(input: x, kernel: kernel, bias: bias, strides: (2, 2), padding: .valid)
            #expect(y.shape == [n, 3, 3, f])
            #expect(y.floatArray == expected.floatArray, "sums of small integers are exact in any order")
        }
    }
}
