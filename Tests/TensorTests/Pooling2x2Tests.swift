import Testing
import Tensor

/// The 2×2 stride-2 max pooling fast path against the naive twin: even and odd sizes (an odd
/// last row or column is in no window), many channels, and ties (after relu most windows hold
/// several zeros), where the gradient must go to the first maximum in row-major order.
@Suite struct Pooling2x2Tests {
    @Test(arguments: [(2, 6, 6, 3), (3, 7, 5, 16), (1, 26, 26, 32), (2, 11, 11, 64), (1, 3, 2, 1)])
    func matchesNaive(_ dims: (Int, Int, Int, Int)) throws {
        let (n, h, w, c) = dims
        var rng = SeededGenerator(seed: UInt64(n * 1000 + h * 10 + c))
        let raw = TestData.random([n, h, w, c], &rng).floatArray
        // A third of the values tie at 0, as after relu; a few windows tie at a positive value.
        var values = raw.enumerated().map { i, v in i % 3 == 0 ? 0 : v }
        for i in stride(from: 0, to: values.count - 2 * c, by: 17) { values[i + c] = values[i] }
        let x = try Tensor(shape: [n, h, w, c], floats: values)
        let y = try Kernels.maxPool2d(input: x, pool: (2, 2), strides: (2, 2), padding: .valid)
        let expected = try NaiveKernels.maxPool2d(input: x, pool: (2, 2), strides: (2, 2), padding: .valid)
        #expect(y.shape == expected.shape)
        #expect(y.floatArray == expected.floatArray)
        let dy = TestData.random(y.shape, &rng)
        let dx = try Kernels.maxPool2dBackward(input: x, gradOutput: dy, pool: (2, 2), strides: (2, 2), padding: .valid)
        let naive = try NaiveKernels.maxPool2dBackward(input: x, gradOutput: dy, pool: (2, 2), strides: (2, 2),
                                                       padding: .valid)
        #expect(dx.floatArray == naive.floatArray)
    }
}
