import Glibc

extension Activation {
    /// Whether the derivative needs the activation's input (swish, silu, gelu); every other
    /// activation's derivative is computed from its output (linear needs neither).
    public var backwardNeedsInput: Bool {
        switch self {
        case .swish, .silu, .gelu: return true
        default: return false
        }
    }
}

extension Kernels {
    /// dL/dx for y = a(x), given dL/dy. Only what the derivative needs must be given (see
    /// `Activation.backwardNeedsInput`): relu (dy where y > 0, 0 at 0 as TensorFlow), sigmoid
    /// (y(1 - y)), tanh (1 - y²), elu (1 or y + 1), leaky_relu (1 or 0.2), relu6 (1 where
    /// 0 < y < 6) and softmax over the last axis (y * (dy - Σ dy * y)) use the output; swish/silu and
    /// gelu use the input.
    public static func activationBackward(_ a: Activation, input: Tensor?, output: Tensor?,
                                          gradOutput: Tensor) throws -> Tensor {
        let op = a.rawValue + "_backward"
        try Checks.float(gradOutput, "gradOutput", op: op)
        let needed = a == .linear ? nil : a.backwardNeedsInput ? input : output
        if a != .linear {
            guard let needed else {
                throw TensorError("\(op): needs the activation's \(a.backwardNeedsInput ? "input" : "output")")
            }
            try Checks.gradient(needed, expected: gradOutput.shape, op: op,
                                what: a.backwardNeedsInput ? "input" : "output")
        }
        let out = try Tensor(uninitialized: gradOutput.shape, what: "the input gradient of \(a.rawValue)")
        let dy = gradOutput.floatPointer, dx = out.floatPointer
        let n = gradOutput.count
        guard let v = needed?.floatPointer else {
            dx.update(from: dy, count: n)
            return out
        }
        if a == .softmax {
            guard gradOutput.shape.rank >= 1 else { throw TensorError("softmax: needs at least one axis, got a scalar") }
            let len = gradOutput.shape[-1]
            if len == 0 { return out }
            Parallel.forRanges(n / len, work: n * 8) { rows in
                for r in rows {
                    let y = v + r * len, g = dy + r * len, d = dx + r * len
                    var dot: Float = 0
                    for i in 0..<len { dot += g[i] * y[i] }
                    for i in 0..<len { d[i] = y[i] * (g[i] - dot) }
                }
            }
            return out
        }
        // The masks are written as products with 0/1 factors: `c ? dy : 0` compiled to a branch,
        // which random signs mispredict half the time (10x slower on a conv layer's output).
        Parallel.forRanges(n, work: n * 8) { r in
            switch a {
            case .linear, .softmax:
                break
            case .relu:
                for i in r { dx[i] = dy[i] * (v[i] > 0 ? 1 : 0) }
            case .sigmoid:
                for i in r { dx[i] = dy[i] * v[i] * (1 - v[i]) }
            case .tanh:
                for i in r { dx[i] = dy[i] * (1 - v[i] * v[i]) }
            case .elu:
                for i in r {
                    let positive: Float = v[i] > 0 ? 1 : 0
                    dx[i] = dy[i] * (positive + (1 - positive) * (v[i] + 1))
                }
            case .leakyRelu:
                for i in r { dx[i] = dy[i] * (v[i] > 0 ? 1 : 0.2) }
            case .relu6:
                for i in r { dx[i] = dy[i] * (v[i] > 0 ? 1 : 0) * (v[i] < 6 ? 1 : 0) }
            case .swish, .silu:
                for i in r {
                    let s = Activation.sigmoid(v[i])
                    dx[i] = dy[i] * s * (1 + v[i] * (1 - s))
                }
            case .gelu:
                for i in r {
                    let x = v[i]
                    let cdf = 0.5 * (1 + erff(x * 0.70710678118654752))
                    let pdf = expf(-0.5 * x * x) * 0.39894228040143268
                    dx[i] = dy[i] * (cdf + x * pdf)
                }
            }
        }
        return out
    }
}
