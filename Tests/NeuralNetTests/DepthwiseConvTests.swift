import NeuralNet
import Tensor
import Testing

/// DepthwiseConv2D: the kernel against its naive twin (each channel convolved on its own with
/// NaiveKernels.conv2d) and the layer's backward pass against finite differences.
@Suite struct DepthwiseConvTests {
    /// Channel c of x through NaiveKernels.conv2d with kernel[:, :, c, :], placed at c * m ...
    static func naive(_ x: Tensor, _ k: Tensor, _ bias: Tensor?, strides: (Int, Int), padding: Padding) throws -> Tensor {
        let (n, h, w, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (kh, kw, m) = (k.shape[0], k.shape[1], k.shape[3])
        let xv = x.floatArray, kv = k.floatArray
        var parts: [Tensor] = []
        for ch in 0..<c {
            var one: [Float] = []
            for i in 0..<(n * h * w) { one.append(xv[i * c + ch]) }
            var kernel: [Float] = []
            for p in 0..<(kh * kw) { for j in 0..<m { kernel.append(kv[(p * c + ch) * m + j]) } }
            let b = try bias.map { bv in try Tensor(shape: Shape([m]), floats: Array(bv.floatArray[(ch * m)..<((ch + 1) * m)])) }
            parts.append(try NaiveKernels.conv2d(input: Tensor(shape: Shape([n, h, w, 1]), floats: one),
                                                 kernel: Tensor(shape: Shape([kh, kw, 1, m]), floats: kernel), bias: b,
                                                 strides: strides, padding: padding))
        }
        return try Tensor.concatenated(parts, axis: 3)
    }

    @Test(arguments: [((1, 1), Padding.same, 1), ((2, 2), Padding.valid, 2), ((2, 1), Padding.same, 3)])
    func forwardMatchesTheNaiveTwin(_ strides: (Int, Int), _ padding: Padding, _ multiplier: Int) throws {
        var rng = SeededGenerator(seed: 41)
        let x = GradientCheck.random([2, 7, 6, 3], &rng)
        let k = GradientCheck.random([3, 3, 3, multiplier], &rng)
        let b = GradientCheck.random([3 * multiplier], &rng)
        let fast = try Kernels.depthwiseConv2d(input: x, kernel: k, bias: b, strides: strides, padding: padding)
        let slow = try Self.naive(x, k, b, strides: strides, padding: padding)
        #expect(fast.shape == slow.shape)
        #expect(zip(fast.floatArray, slow.floatArray).allSatisfy { abs($0 - $1) <= 1e-5 })
    }

    @Test(arguments: [(1, "same", "linear", 1), (2, "valid", "relu", 2)])
    func backwardMatchesFiniteDifferences(_ stride: Int, _ padding: String, _ activation: String, _ multiplier: Int) throws {
        var rng = SeededGenerator(seed: 42)
        let layer = try DepthwiseConv2D(kernelSize: 3, strides: IntOrTuple(stride), padding: padding, depthMultiplier: multiplier,
                                        activation: activation, session: Session(seed: 43))
        try GradientCheck.layer(layer, input: GradientCheck.random([2, 6, 5, 2], &rng), step: 1e-3, tolerance: 2e-2)
        #expect(layer.weights.map(\.shape) == [[3, 3, 2, multiplier], [2 * multiplier]])
    }

    @Test func aZeroMultiplierIsKerassError() {
        #expect(throws: LayerError.self) { try DepthwiseConv2D(kernelSize: 3, depthMultiplier: 0, session: Session(seed: 1)) }
    }
}
