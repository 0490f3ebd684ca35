import Testing
import Tensor

/// The naive backward kernels against central finite differences of the naive forward kernels,
/// with loss = Σ forward(x) · r for a fixed random r. The step is a float32 change of the
/// input (the real difference of the two perturbed floats is used), the loss is summed in Double.
@Suite struct GradientCheckTests {
    /// dLoss/dt[i] by central differences for each i in `indices`.
    static func numeric(_ t: Tensor, _ indices: [Int], step: Float = 1e-2, loss: () throws -> Double) rethrows -> [Double] {
        var out: [Double] = []
        for i in indices {
            let original = t.floats[i]
            let plus = original + step, minus = original - step
            t.floats[i] = plus
            let lp = try loss()
            t.floats[i] = minus
            let lm = try loss()
            t.floats[i] = original
            out.append((lp - lm) / (Double(plus) - Double(minus)))
        }
        return out
    }

    static func dot(_ y: Tensor, _ r: Tensor) -> Double {
        var s = 0.0
        for i in 0..<y.count { s += Double(y.floats[i]) * Double(r.floats[i]) }
        return s
    }

    /// Up to `limit` indices spread over the tensor.
    static func sample(_ count: Int, limit: Int = 60) -> [Int] {
        count <= limit ? Array(0..<count) : (0..<limit).map { $0 * count / limit }
    }

    /// Compares the analytic gradient with finite differences at the sampled indices.
    static func check(_ analytic: Tensor, of t: Tensor, _ what: String, tolerance: Double = 2e-3,
                      step: Float = 1e-2, loss: () throws -> Double) rethrows {
        #expect(analytic.shape == t.shape, "\(what): gradient shape \(analytic.shape) vs \(t.shape)")
        let indices = sample(t.count)
        let fd = try numeric(t, indices, step: step, loss: loss)
        for (j, i) in indices.enumerated() {
            let a = Double(analytic.floats[i])
            #expect(abs(a - fd[j]) <= tolerance * max(1, abs(fd[j])),
                    "\(what)[\(i)]: analytic \(a), finite difference \(fd[j])")
        }
    }

    /// Values spread at least 0.01 apart in a random order, so that no maximum changes within a step.
    static func distinct(_ shape: Shape, _ rng: inout SeededGenerator) -> Tensor {
        let t = try! Tensor(zeros: shape)
        var values = (0..<t.count).map { Float($0) * 0.05 - Float(t.count) * 0.025 }
        values.shuffle(using: &rng)
        for i in 0..<t.count { t.floats[i] = values[i] }
        return t
    }

    @Test(arguments: [
        (2, 6, 5, 3, 4, 3, 3, 1, 1, Padding.valid), (2, 7, 6, 2, 3, 3, 3, 2, 2, .same),
        (1, 5, 5, 2, 2, 2, 3, 2, 1, .same), (3, 4, 4, 3, 2, 1, 1, 1, 1, .valid),
    ])
    func conv2d(_ n: Int, _ h: Int, _ w: Int, _ c: Int, _ f: Int, _ kh: Int, _ kw: Int, _ sh: Int, _ sw: Int,
                _ padding: Padding) throws {
        var rng = SeededGenerator(seed: UInt64(h * 100 + w))
        let x = TestData.random([n, h, w, c], &rng), kernel = TestData.random([kh, kw, c, f], &rng)
        let bias = TestData.random([f], &rng)
        let y = try NaiveKernels.conv2d(input: x, kernel: kernel, bias: bias, strides: (sh, sw), padding: padding)
        let r = TestData.random(y.shape, &rng)
        let grads = try NaiveKernels.conv2dBackward(input: x, kernel: kernel, gradOutput: r, strides: (sh, sw),
                                                    padding: padding)
        let loss = {
            Self.dot(try NaiveKernels.conv2d(input: x, kernel: kernel, bias: bias, strides: (sh, sw), padding: padding), r)
        }
        try Self.check(grads.input, of: x, "conv dx", loss: loss)
        try Self.check(grads.kernel, of: kernel, "conv dkernel", loss: loss)
        try Self.check(grads.bias, of: bias, "conv dbias", loss: loss)
    }

    @Test func dense() throws {
        var rng = SeededGenerator(seed: 21)
        for xShape: Shape in [[3, 5], [2, 2, 4]] {
            let x = TestData.random(xShape, &rng), kernel = TestData.random([xShape[-1], 6], &rng)
            let bias = TestData.random([6], &rng)
            var outShape = xShape
            outShape[-1] = 6
            let r = TestData.random(outShape, &rng)
            let grads = try NaiveKernels.denseBackward(input: x, kernel: kernel, gradOutput: r)
            let loss = { Self.dot(try NaiveKernels.dense(input: x, kernel: kernel, bias: bias), r) }
            try Self.check(grads.input, of: x, "dense dx", loss: loss)
            try Self.check(grads.kernel, of: kernel, "dense dkernel", loss: loss)
            try Self.check(grads.bias, of: bias, "dense dbias", loss: loss)
        }
    }

    @Test(arguments: [(2, 2, 2, 2, Padding.valid), (3, 3, 2, 2, .same), (3, 2, 1, 2, .valid), (2, 2, 1, 1, .same)])
    func pooling(_ ph: Int, _ pw: Int, _ sh: Int, _ sw: Int, _ padding: Padding) throws {
        var rng = SeededGenerator(seed: UInt64(ph * 10 + sh))
        let x = Self.distinct([2, 5, 7, 3], &rng)
        let y = try NaiveKernels.maxPool2d(input: x, pool: (ph, pw), strides: (sh, sw), padding: padding)
        let r = TestData.random(y.shape, &rng)
        let dMax = try NaiveKernels.maxPool2dBackward(input: x, gradOutput: r, pool: (ph, pw), strides: (sh, sw),
                                                      padding: padding)
        try Self.check(dMax, of: x, "max pool dx") {
            Self.dot(try NaiveKernels.maxPool2d(input: x, pool: (ph, pw), strides: (sh, sw), padding: padding), r)
        }
        let dAvg = try NaiveKernels.avgPool2dBackward(input: x, gradOutput: r, pool: (ph, pw), strides: (sh, sw),
                                                      padding: padding)
        try Self.check(dAvg, of: x, "average pool dx") {
            Self.dot(try NaiveKernels.avgPool2d(input: x, pool: (ph, pw), strides: (sh, sw), padding: padding), r)
        }
    }

    @Test func globalPooling() throws {
        var rng = SeededGenerator(seed: 22)
        let x = Self.distinct([2, 3, 4, 5], &rng)
        let r = TestData.random([2, 5], &rng)
        try Self.check(try NaiveKernels.globalMaxPool2dBackward(input: x, gradOutput: r), of: x, "global max dx") {
            Self.dot(try NaiveKernels.globalMaxPool2d(x), r)
        }
        try Self.check(try NaiveKernels.globalAvgPool2dBackward(input: x, gradOutput: r), of: x, "global avg dx") {
            Self.dot(try NaiveKernels.globalAvgPool2d(x), r)
        }
    }

    @Test(arguments: Activation.allCases)
    func activation(_ a: Activation) throws {
        var rng = SeededGenerator(seed: 23)
        let x = TestData.random([4, 9], &rng, low: -3, high: 8)
        // Keep away from the kinks at 0 and 6 (relu, relu6, leaky_relu, elu's second derivative).
        for i in 0..<x.count where abs(x.floats[i]) < 0.05 || abs(x.floats[i] - 6) < 0.05 { x.floats[i] += 0.2 }
        let r = TestData.random(x.shape, &rng)
        let dx = try NaiveKernels.activationBackward(a, input: x, gradOutput: r)
        try Self.check(dx, of: x, "\(a.rawValue) dx", step: 1e-3) { Self.dot(try NaiveKernels.activation(a, x), r) }
    }

    @Test func batchNormTraining() throws {
        var rng = SeededGenerator(seed: 24)
        let x = TestData.random([3, 2, 2, 4], &rng, low: -2, high: 3)
        let gamma = TestData.random([4], &rng, low: 0.5, high: 1.5), beta = TestData.random([4], &rng)
        let r = TestData.random(x.shape, &rng)
        let grads = try NaiveKernels.batchNormTrainingBackward(x, gamma: gamma, gradOutput: r, epsilon: 1e-3)
        let loss = { Self.dot(try NaiveKernels.batchNormTraining(x, gamma: gamma, beta: beta, epsilon: 1e-3).output, r) }
        try Self.check(grads.input, of: x, "batch norm dx", step: 1e-3, loss: loss)
        try Self.check(grads.gamma, of: gamma, "batch norm dgamma", step: 1e-3, loss: loss)
        try Self.check(grads.beta, of: beta, "batch norm dbeta", step: 1e-3, loss: loss)
    }
}
