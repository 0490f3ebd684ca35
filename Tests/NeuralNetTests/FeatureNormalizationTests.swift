import NeuralNet
import Tensor
import Testing

/// Normalization against a naive twin (statistics computed element by element in Double, then
/// (x - mean) / sqrt(variance)), adapt over several batches against adapt over all the data at
/// once, its backward pass against finite differences; broadcasting merges, Dropout's
/// noise_shape and the affine operations preprocess_input records on a KerasTensor.
@Suite struct FeatureNormalizationTests {
    /// Naive twin: per index of the kept axes, the mean and biased variance of every value that
    /// has that index.
    static func naiveMoments(_ x: Tensor, kept: [Int]) -> (mean: [Double], variance: [Double]) {
        let dims = x.shape.dims, v = x.floatArray
        func key(_ i: Int) -> Int {
            var rest = i, coords = [Int](repeating: 0, count: dims.count)
            for d in stride(from: dims.count - 1, through: 0, by: -1) { coords[d] = rest % dims[d]; rest /= dims[d] }
            return kept.reduce(0) { $0 * dims[$1] + coords[$1] }
        }
        let n = kept.reduce(1) { $0 * dims[$1] }
        var groups = [[Double]](repeating: [], count: n)
        for i in 0..<v.count { groups[key(i)].append(Double(v[i])) }
        let mean = groups.map { $0.reduce(0, +) / Double($0.count) }
        let variance = groups.indices.map { k in groups[k].reduce(0) { $0 + ($1 - mean[k]) * ($1 - mean[k]) } / Double(groups[k].count) }
        return (mean, variance)
    }

    @Test(arguments: [[-1], [1, 2], [Int]()])
    func adaptAndForwardMatchTheNaiveTwin(_ axis: [Int]) throws {
        var rng = SeededGenerator(seed: 5)
        let x = GradientCheck.random([6, 3, 4, 2], &rng, low: -2, high: 5)
        let layer = try Normalization(axis: axis, session: Session(seed: 1))
        var given: Tensor? = x
        try layer.adapt { defer { given = nil }; return given }
        let kept = axis.map { $0 < 0 ? $0 + 4 : $0 }
        let (mean, variance) = Self.naiveMoments(x, kept: kept)
        #expect(zip(layer.weights[0].value.floatArray, mean).allSatisfy { abs(Double($0) - $1) < 1e-5 })
        #expect(zip(layer.weights[1].value.floatArray, variance).allSatisfy { abs(Double($0) - $1) < 1e-4 })
        let y = try layer(x).floatArray, v = x.floatArray
        let dims = x.shape.dims
        for i in stride(from: 0, to: v.count, by: 7) {
            var rest = i, coords = [Int](repeating: 0, count: 4)
            for d in stride(from: 3, through: 0, by: -1) { coords[d] = rest % dims[d]; rest /= dims[d] }
            let k = kept.reduce(0) { $0 * dims[$1] + coords[$1] }
            let want = (Double(v[i]) - mean[k]) / max(variance[k].squareRoot(), 1e-7)
            #expect(abs(Double(y[i]) - want) < 1e-4, "index \(i)")
        }
    }

    @Test func adaptOverBatchesEqualsAdaptOverEverything() throws {
        var rng = SeededGenerator(seed: 6)
        let x = GradientCheck.random([10, 5, 3], &rng, low: 0, high: 255)
        let whole = try Normalization(session: Session(seed: 1)), batched = try Normalization(session: Session(seed: 1))
        var once: Tensor? = x
        try whole.adapt { defer { once = nil }; return once }
        var start = 0
        try batched.adapt {
            guard start < 10 else { return nil }
            defer { start += 4 }
            let end = min(start + 4, 10)
            return try Tensor(shape: [end - start, 5, 3], floats: Array(x.floatArray[(start * 15)..<(end * 15)]))
        }
        for w in 0..<2 {
            #expect(zip(whole.weights[w].value.floatArray, batched.weights[w].value.floatArray).allSatisfy { abs($0 - $1) <= 1e-3 * max(1, abs($0)) })
        }
    }

    @Test func givenMeanAndVarianceAreConstantsWithoutParameters() throws {
        let layer = try Normalization(mean: Tensor(shape: [], floats: [3]), variance: Tensor(shape: [], floats: [2]), session: Session(seed: 1))
        let y = try layer(Tensor(shape: [3, 1], floats: [1, 2, 3]))
        #expect(layer.weights.isEmpty)
        #expect(zip(y.floatArray, [-1.4142135, -0.70710677, 0]).allSatisfy { abs($0 - $1) < 1e-6 })
        let inverse = try Normalization(mean: Tensor(shape: [2], floats: [1, 2]), variance: Tensor(shape: [2], floats: [4, 9]), invert: true,
                                        session: Session(seed: 1))
        #expect(try inverse(Tensor(shape: [1, 2], floats: [1, 1])).floatArray == [3, 5])
    }

    @Test func badArgumentsAreClearErrors() throws {
        #expect(throws: LayerError.self) { try Normalization(mean: Tensor(shape: [], floats: [1]), session: Session(seed: 1)) }
        let layer = try Normalization(axis: [5], session: Session(seed: 1))
        #expect(throws: LayerError.self) { try layer(Tensor(shape: [1, 2], floats: [1, 2])) }
        let adapted = try Normalization(session: Session(seed: 1))
        var first: Tensor? = try Tensor(shape: [2, 3], floats: [1, 2, 3, 4, 5, 6])
        try adapted.adapt { defer { first = nil }; return first }
        var other: Tensor? = try Tensor(shape: [1, 4], floats: [1, 2, 3, 4])
        #expect(throws: LayerError.self) { try adapted.adapt { defer { other = nil }; return other } }
    }

    @Test func backwardMatchesFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 7)
        let layer = try Normalization(axis: [-1], session: Session(seed: 1))
        var data: Tensor? = GradientCheck.random([8, 3], &rng, low: -3, high: 3)
        try layer.adapt { defer { data = nil }; return data }
        try GradientCheck.layer(layer, input: GradientCheck.random([4, 3], &rng))
        let inverse = try Normalization(mean: Tensor(shape: [3], floats: [1, 2, 3]), variance: Tensor(shape: [3], floats: [4, 0.25, 9]),
                                        invert: true, session: Session(seed: 1))
        try GradientCheck.layer(inverse, input: GradientCheck.random([4, 3], &rng))
    }

    /// Multiply of (n, h, w, c) by (n, 1, 1, c), as squeeze-and-excitation does: against an
    /// explicit repeat, and each input's gradient against finite differences.
    @Test func mergesBroadcastSizeOneAxes() throws {
        var rng = SeededGenerator(seed: 8)
        let a = GradientCheck.random([2, 3, 3, 4], &rng), b = GradientCheck.random([2, 1, 1, 4], &rng)
        let layer = try ElementwiseMerge(.multiply, session: Session(seed: 1))
        #expect(try layer.mergedShape([[nil, 3, 3, 4], [nil, 1, 1, 4]]) == [nil, 3, 3, 4])
        #expect(throws: LayerError.self) { try layer.mergedShape([[nil, 3, 3, 4], [nil, 2, 1, 4]]) }
        let y = try layer.forward([a, b], training: true)
        let av = a.floatArray, bv = b.floatArray
        for i in 0..<av.count {
            let sample = i / 36, channel = i % 4
            #expect(y.floatArray[i] == av[i] * bv[sample * 4 + channel])
        }
        let r = GradientCheck.random([2, 3, 3, 4], &rng)
        let grads = try layer.backwardMerged(r)
        #expect(grads[1].shape == b.shape)
        try GradientCheck.check(grads[0], of: a, "multiply da", step: 1e-3) { GradientCheck.dot(try layer.forward([a, b], training: false), r) }
        try GradientCheck.check(grads[1], of: b, "multiply db", step: 1e-3) { GradientCheck.dot(try layer.forward([a, b], training: false), r) }
    }

    /// preprocess_input's operations on a KerasTensor: x * scale[c] + offset[c] per channel.
    @Test func affineOperationsMatchTheirFormulaAndFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 9)
        let x = GradientCheck.random([2, 2, 2, 3], &rng, low: 0, high: 255)
        let op = try AffineOperation(className: "TrueDivide", scales: [1 / 0.229, 1 / 0.224, 1 / 0.225], offsets: [1, 2, 3], session: Session(seed: 1))
        #expect(op.name == "true_divide")
        let y = try op(x).floatArray, v = x.floatArray
        let scales: [Float] = [1 / 0.229, 1 / 0.224, 1 / 0.225]
        for i in 0..<v.count { #expect(abs(y[i] - (v[i] * scales[i % 3] + Float(i % 3 + 1))) <= 1e-3 * max(1, abs(y[i]))) }
        try GradientCheck.layer(op, input: GradientCheck.random([2, 2, 2, 3], &rng))
        #expect(throws: LayerError.self) { try op.computeOutputShape([nil, 4]) }
    }

    /// noise_shape (None, 1, 1, 1): each sample is kept whole (scaled) or dropped whole.
    @Test func dropoutWithANoiseShapeDropsWholeSamples() throws {
        let layer = try Dropout(rate: 0.5, noiseShape: [nil, 1, 1, 1], seed: 3, session: Session(seed: 1))
        let x = try Tensor(shape: [16, 2, 2, 3], floats: [Float](repeating: 1, count: 16 * 12))
        let y = try layer(x, training: true).floatArray
        var kept = 0
        for s in 0..<16 {
            let sample = Set(y[(s * 12)..<((s + 1) * 12)])
            #expect(sample == [0] || sample == [2], "sample \(s): \(sample)")
            if sample == [2] { kept += 1 }
        }
        #expect(kept > 0 && kept < 16)
        let dx = try layer.backward(try Tensor(shape: [16, 2, 2, 3], floats: [Float](repeating: 1, count: 16 * 12)), needInputGradient: true)!
        #expect(dx.floatArray == y)
        #expect(throws: LayerError.self) { try Dropout(rate: 0.5, noiseShape: [nil, 2, 1], session: Session(seed: 1)).computeOutputShape([nil, 3, 1]) }
    }
}
