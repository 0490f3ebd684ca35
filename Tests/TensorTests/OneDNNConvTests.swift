import Testing
import Tensor

/// The oneDNN convolution path (COneDNN, loaded on first use) against the naive twins, called
/// directly (OneDNN.conv2d / conv2dBackward) whatever the table chooses on this CPU, then through
/// Kernels with oneDNN enabled (as FOVEA_ONEDNN=1 does): forward with and without bias and fused
/// relu, the input gradient and the parameter gradients, over the seed CNN's shapes, strides,
/// 'same' paddings that pad unevenly, odd channel and filter counts, and a batch split over the
/// cores (several oneDNN calls at once, one per part).
@Suite struct OneDNNConvTests {
    struct Case: CustomStringConvertible {
        var n: Int, h: Int, w: Int, c: Int, kh: Int, kw: Int, f: Int, sh = 1, sw = 1, padding = Padding.valid
        var description: String {
            "input (\(n), \(h), \(w), \(c)) window (\(kh), \(kw)) filters \(f) strides (\(sh), \(sw)) \(padding.rawValue)"
        }
    }

    static let cases: [Case] = [
        Case(n: 4, h: 28, w: 28, c: 1, kh: 3, kw: 3, f: 32),
        Case(n: 3, h: 13, w: 13, c: 32, kh: 3, kw: 3, f: 64),
        Case(n: 2, h: 5, w: 5, c: 64, kh: 3, kw: 3, f: 64),
        Case(n: 3, h: 11, w: 10, c: 5, kh: 3, kw: 2, f: 7, sh: 2, sw: 1),
        Case(n: 1, h: 12, w: 12, c: 4, kh: 5, kw: 5, f: 8, sh: 2, sw: 3),
        Case(n: 2, h: 7, w: 6, c: 12, kh: 3, kw: 3, f: 16, padding: .same),
        Case(n: 2, h: 9, w: 10, c: 3, kh: 4, kw: 3, f: 10, sh: 2, sw: 2, padding: .same),
        Case(n: 40, h: 9, w: 9, c: 16, kh: 3, kw: 3, f: 32),
    ]

    @Test(arguments: cases) func matchesNaive(_ k: Case) throws {
        guard OneDNN.isAvailable else {
            Issue.record("oneDNN cannot be loaded (apt-get install libdnnl-dev): \(OneDNN.loadError ?? "?")")
            return
        }
        var rng = SeededGenerator(seed: UInt64(k.c * 1000 + k.f * 10 + k.kh + 7))
        let x = TestData.random([k.n, k.h, k.w, k.c], &rng)
        let kernel = TestData.random([k.kh, k.kw, k.c, k.f], &rng), bias = TestData.random([k.f], &rng)
        let strides = (k.sh, k.sw)
        let z = try NaiveKernels.conv2d(input: x, kernel: kernel, bias: bias, strides: strides, padding: k.padding)
        expectClose(try OneDNN.conv2d(input: x, kernel: kernel, bias: bias, strides: strides, padding: k.padding), z,
                    "forward \(k)")
        let noBias = try NaiveKernels.conv2d(input: x, kernel: kernel, bias: nil, strides: strides, padding: k.padding)
        expectClose(try OneDNN.conv2d(input: x, kernel: kernel, bias: nil, strides: strides, padding: k.padding),
                    noBias, "forward without bias \(k)")
        let expected = try Kernels.activation(.relu, z)
        let y = try OneDNN.conv2d(input: x, kernel: kernel, bias: bias, strides: strides, padding: k.padding, relu: true)
        expectClose(y, expected, "relu forward \(k)")

        let dy = TestData.random(z.shape, &rng)
        let naive = try NaiveKernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: strides,
                                                    padding: k.padding)
        guard let fast = try OneDNN.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: strides,
                                                   padding: k.padding) else {
            Issue.record("no oneDNN backward for \(k)")
            return
        }
        expectClose(fast.input, naive.input, "dx \(k)")
        expectClose(fast.kernel, naive.kernel, "dkernel \(k)")
        expectClose(fast.bias, naive.bias, "dbias \(k)")

        // Through Kernels, as training calls it with FOVEA_ONEDNN=1.
        try OneDNN.$enabled.withValue(true) {
            try TestData.checkReluTrainingStep(input: x, kernel: kernel, bias: bias, strides: strides,
                                               padding: k.padding, expected: expected, &rng, "\(k)")
        }
    }

    /// The same call twice gives the same bits (the batch split and the summing order are fixed),
    /// and again after other shapes have been run in between (primitives are cached per shape).
    @Test func deterministic() throws {
        guard OneDNN.isAvailable else { return }
        var rng = SeededGenerator(seed: 91)
        let x = TestData.random([64, 13, 13, 32], &rng), kernel = TestData.random([3, 3, 32, 64], &rng)
        let dy = TestData.random([64, 11, 11, 64], &rng)
        let first = try OneDNN.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: (1, 1), padding: .valid)
        _ = try OneDNN.conv2d(input: TestData.random([3, 5, 5, 64], &rng), kernel: TestData.random([3, 3, 64, 64], &rng),
                              bias: nil, strides: (1, 1), padding: .valid)
        let again = try OneDNN.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: (1, 1), padding: .valid)
        #expect(first?.kernel.floatArray == again?.kernel.floatArray)
        #expect(first?.bias.floatArray == again?.bias.floatArray)
        #expect(first?.input.floatArray == again?.input.floatArray)
    }

    /// A NaN in the input stays NaN through the fused relu (fit's NaN check must see it).
    @Test func fusedReluKeepsNaN() throws {
        guard OneDNN.isAvailable else { return }
        var input = [Float](repeating: 0.5, count: 2 * 6 * 6 * 8)
        input[(6 * 2 + 2) * 8] = .nan
        let x = try Tensor(shape: [2, 6, 6, 8], floats: input)
        let kernel = try Tensor(repeating: -1, shape: [3, 3, 8, 16])
        let y = try OneDNN.conv2d(input: x, kernel: kernel, bias: nil, strides: (1, 1), padding: .valid, relu: true)
        let values = y?.floatArray ?? []
        #expect(values.first?.isNaN == true, "the window over the NaN")
        #expect(values.count == 2 * 16 * 16 && values[16 * 16] == 0, "image 1: relu of a negative sum is 0")
    }
}
