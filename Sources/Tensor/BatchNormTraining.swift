/// Batch normalization in training mode: statistics of the batch over every axis but the channel
/// axis (the last by default), y = gamma * x̂ + beta with x̂ = (x - mean) / sqrt(variance + epsilon),
/// variance the biased one (mean of squares), as Keras 3's ops.moments.
public struct BatchNormTrainingResult {
    /// y, the shape of x.
    public let output: Tensor
    /// x̂ = (x - mean) * inverseStd, the shape of x (what the backward pass needs).
    public let normalized: Tensor
    /// The batch mean per channel [C].
    public let mean: Tensor
    /// The batch (biased) variance per channel [C], for the moving statistics.
    public let variance: Tensor
    /// 1 / sqrt(variance + epsilon) per channel [C].
    public let inverseStd: Tensor
}

extension Kernels {
    /// The forward pass with batch statistics over all axes but `axis` (negative counts from the end).
    public static func batchNormTraining(_ x: Tensor, gamma: Tensor?, beta: Tensor?, epsilon: Float,
                                         axis: Int = -1) throws -> BatchNormTrainingResult {
        let op = "batch_normalization"
        let (outer, c, inner) = try batchNormLayout(x, axis: axis, op: op)
        try Checks.vector(gamma, length: c, "gamma", op: op)
        try Checks.vector(beta, length: c, "beta", op: op)
        let output = try Tensor(zeros: x.shape, what: "batch normalization output")
        let normalized = try Tensor(zeros: x.shape, what: "batch normalization normalised input")
        let mean = try Tensor(zeros: [c]), variance = try Tensor(zeros: [c]), inverseStd = try Tensor(zeros: [c])
        let count = outer * inner
        if c == 0 || count == 0 {
            return BatchNormTrainingResult(output: output, normalized: normalized, mean: mean, variance: variance,
                                           inverseStd: inverseStd)
        }
        let xP = x.floatPointer, yP = output.floatPointer, nP = normalized.floatPointer
        var sum = [Double](repeating: 0, count: c)
        forEachChannelRun(outer, c, inner) { ch, base in
            var s = 0.0
            for k in 0..<inner { s += Double(xP[base + k]) }
            sum[ch] += s
        }
        let m = sum.map { $0 / Double(count) }
        var squares = [Double](repeating: 0, count: c)
        forEachChannelRun(outer, c, inner) { ch, base in
            var s = 0.0
            for k in 0..<inner { let d = Double(xP[base + k]) - m[ch]; s += d * d }
            squares[ch] += s
        }
        var scale = [Float](repeating: 1, count: c), shift = [Float](repeating: 0, count: c)
        var inv = [Float](repeating: 0, count: c)
        let meanF = m.map { Float($0) }
        for ch in 0..<c {
            let v = squares[ch] / Double(count)
            mean.floatPointer[ch] = meanF[ch]
            variance.floatPointer[ch] = Float(v)
            inv[ch] = Float(1 / (v + Double(epsilon)).squareRoot())
            inverseStd.floatPointer[ch] = inv[ch]
            scale[ch] = gamma.map { $0.floatPointer[ch] } ?? 1
            shift[ch] = beta.map { $0.floatPointer[ch] } ?? 0
        }
        forEachChannelRun(outer, c, inner) { ch, base in
            let mu = meanF[ch], s = inv[ch], g = scale[ch], b = shift[ch]
            for k in 0..<inner {
                let xh = (xP[base + k] - mu) * s
                nP[base + k] = xh
                yP[base + k] = g * xh + b
            }
        }
        return BatchNormTrainingResult(output: output, normalized: normalized, mean: mean, variance: variance,
                                       inverseStd: inverseStd)
    }

    /// The gradients of batchNormTraining given dL/dy: dx = gamma * inverseStd * (dy - mean(dy)
    /// - x̂ * mean(dy * x̂)), dgamma = Σ dy * x̂, dbeta = Σ dy (sums over all axes but `axis`).
    public static func batchNormTrainingBackward(gradOutput: Tensor, normalized: Tensor, inverseStd: Tensor,
                                                 gamma: Tensor?, axis: Int = -1)
        throws -> (input: Tensor, gamma: Tensor, beta: Tensor) {
        let op = "batch_normalization_backward"
        let (outer, c, inner) = try batchNormLayout(normalized, axis: axis, op: op)
        try Checks.gradient(gradOutput, expected: normalized.shape, op: op)
        try Checks.vector(inverseStd, length: c, "inverseStd", op: op)
        try Checks.vector(gamma, length: c, "gamma", op: op)
        let dx = try Tensor(zeros: normalized.shape, what: "the input gradient of batch normalization")
        let dGamma = try Tensor(zeros: [c]), dBeta = try Tensor(zeros: [c])
        let count = outer * inner
        if c == 0 || count == 0 { return (dx, dGamma, dBeta) }
        let dyP = gradOutput.floatPointer, nP = normalized.floatPointer, dxP = dx.floatPointer
        var sumDy = [Double](repeating: 0, count: c), sumDyX = [Double](repeating: 0, count: c)
        forEachChannelRun(outer, c, inner) { ch, base in
            var a = 0.0, b = 0.0
            for k in 0..<inner {
                let g = Double(dyP[base + k])
                a += g
                b += g * Double(nP[base + k])
            }
            sumDy[ch] += a
            sumDyX[ch] += b
        }
        var factor = [Float](repeating: 0, count: c)
        var meanDy = [Float](repeating: 0, count: c), meanDyX = [Float](repeating: 0, count: c)
        for ch in 0..<c {
            dBeta.floatPointer[ch] = Float(sumDy[ch])
            dGamma.floatPointer[ch] = Float(sumDyX[ch])
            factor[ch] = (gamma.map { $0.floatPointer[ch] } ?? 1) * inverseStd.floatPointer[ch]
            meanDy[ch] = Float(sumDy[ch] / Double(count))
            meanDyX[ch] = Float(sumDyX[ch] / Double(count))
        }
        forEachChannelRun(outer, c, inner) { ch, base in
            let f = factor[ch], a = meanDy[ch], b = meanDyX[ch]
            for k in 0..<inner { dxP[base + k] = f * (dyP[base + k] - a - nP[base + k] * b) }
        }
        return (dx, dGamma, dBeta)
    }

    /// x seen as [outer, C, inner] around the channel axis.
    static func batchNormLayout(_ x: Tensor, axis: Int, op: String) throws -> (Int, Int, Int) {
        try Checks.float(x, "input", op: op)
        let dims = x.shape.dims
        let a = axis < 0 ? axis + dims.count : axis
        guard a >= 0, a < dims.count else {
            throw TensorError("\(op): axis \(axis) is out of bounds for an input of shape \(x.shape)")
        }
        return (dims[..<a].reduce(1, *), dims[a], dims[(a + 1)...].reduce(1, *))
    }

    /// Calls body(channel, offset of a run of `inner` consecutive values of that channel) for every run.
    @inline(__always)
    static func forEachChannelRun(_ outer: Int, _ c: Int, _ inner: Int, _ body: (Int, Int) -> Void) {
        for o in 0..<outer {
            for ch in 0..<c { body(ch, (o * c + ch) * inner) }
        }
    }
}
