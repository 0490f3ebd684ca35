import Glibc

/// Keras's activation functions, by their Keras names.
/// softmax is over the last axis (numerically stable); gelu is exact (erf), as Keras's default
/// approximate=False; leaky_relu has negative slope 0.2 (Keras 3's default); elu has alpha 1;
/// swish and silu are the same function, x * sigmoid(x).
public enum Activation: String, Sendable, CaseIterable {
    case linear, relu, sigmoid, tanh, softmax, elu, leakyRelu = "leaky_relu", relu6, swish, silu, gelu

    /// The function on one value (every activation but softmax, which needs a whole row).
    @inline(__always)
    public func apply(_ x: Float) -> Float {
        switch self {
        case .linear, .softmax: return x
        case .relu: return x > 0 ? x : 0
        case .sigmoid: return Activation.sigmoid(x)
        case .tanh: return tanhf(x)
        case .elu: return x > 0 ? x : expm1f(x)
        case .leakyRelu: return x > 0 ? x : 0.2 * x
        case .relu6: return min(max(x, 0), 6)
        case .swish, .silu: return x * Activation.sigmoid(x)
        case .gelu: return 0.5 * x * (1 + erff(x * 0.70710678118654752))
        }
    }

    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + expf(-x)) }
        let e = expf(x)
        return e / (1 + e)
    }
}

extension Kernels {
    /// The activation applied to every element (softmax: to every row along the last axis).
    public static func activation(_ a: Activation, _ x: Tensor) throws -> Tensor {
        try Checks.float(x, "input", op: a.rawValue)
        let out = x.copy()
        try activationInPlace(a, out)
        return out
    }

    /// Like activation(_:_:) but overwrites `x`.
    public static func activationInPlace(_ a: Activation, _ x: Tensor) throws {
        try Checks.float(x, "input", op: a.rawValue)
        let p = x.floatPointer
        let n = x.count
        switch a {
        case .linear:
            return
        case .relu:
            reluInPlace(p, count: n)
        case .softmax:
            guard x.shape.rank >= 1 else {
                throw TensorError("softmax: needs at least one axis, got a scalar")
            }
            let len = x.shape[-1]
            if len == 0 { return }
            for r in 0..<(n / len) { softmaxRow(p + r * len, len) }
        default:
            for i in 0..<n { p[i] = a.apply(p[i]) }
        }
    }

    /// Stable softmax of one row in place: exp(x - max) / sum.
    static func softmaxRow(_ row: UnsafeMutablePointer<Float>, _ len: Int) {
        var m = -Float.infinity
        for i in 0..<len { m = max(m, row[i]) }
        if !m.isFinite { m = 0 }  // all -inf (or +inf present): let exp give inf/nan like Keras
        var sum: Float = 0
        for i in 0..<len {
            let e = expf(row[i] - m)
            row[i] = e
            sum += e
        }
        let inv = 1 / sum
        for i in 0..<len { row[i] *= inv }
    }

    /// y = gamma * (x - mean) / sqrt(variance + epsilon) + beta over the last axis (channels).
    /// gamma and beta may be nil (Keras's scale=False / center=False).
    public static func batchNormInference(_ x: Tensor, gamma: Tensor?, beta: Tensor?, movingMean: Tensor,
                                          movingVariance: Tensor, epsilon: Float) throws -> Tensor {
        let c = try batchNormChecks(x, gamma: gamma, beta: beta, movingMean: movingMean,
                                    movingVariance: movingVariance)
        let out = try Tensor(zeros: x.shape, what: "batch normalization output")
        if c == 0 { return out }
        var scale = [Float](repeating: 1, count: c), shift = [Float](repeating: 0, count: c)
        let mean = movingMean.floatPointer, variance = movingVariance.floatPointer
        for ch in 0..<c {
            let s = (gamma?.floats[ch] ?? 1) / (variance[ch] + epsilon).squareRoot()
            scale[ch] = s
            shift[ch] = (beta?.floats[ch] ?? 0) - mean[ch] * s
        }
        let src = x.floatPointer, dst = out.floatPointer
        scale.withUnsafeBufferPointer { sc in
            shift.withUnsafeBufferPointer { sh in
                for r in 0..<(x.count / c) {
                    let i = src + r * c, o = dst + r * c
                    for ch in 0..<c { o[ch] = i[ch] * sc[ch] + sh[ch] }
                }
            }
        }
        return out
    }

    static func batchNormChecks(_ x: Tensor, gamma: Tensor?, beta: Tensor?, movingMean: Tensor,
                                movingVariance: Tensor) throws -> Int {
        let op = "batch_normalization"
        try Checks.float(x, "input", op: op)
        guard x.shape.rank >= 1 else { throw TensorError("\(op): needs at least one axis, got a scalar") }
        let c = x.shape[-1]
        try Checks.vector(gamma, length: c, "gamma", op: op)
        try Checks.vector(beta, length: c, "beta", op: op)
        try Checks.vector(movingMean, length: c, "moving_mean", op: op)
        try Checks.vector(movingVariance, length: c, "moving_variance", op: op)
        return c
    }
}
