import Glibc

/// The same operations as Kernels, written as direct loops over every output element so that they
/// are obviously correct. Slow; for tests (and as a reference when a fast path is in doubt).
public enum NaiveKernels {
    public static func conv2d(input: Tensor, kernel: Tensor, bias: Tensor?, strides: (Int, Int),
                              padding: Padding) throws -> Tensor {
        let (n, h, w, c) = try Checks.nhwc(input, op: "conv2d")
        let (g, f) = try Kernels.conv2dGeometry(input: input, kernel: kernel, bias: bias, strides: strides,
                                                padding: padding)
        let out = try Tensor(zeros: [n, g.outHeight, g.outWidth, f])
        let x = input.floats, k = kernel.floats, o = out.floats
        let kh = g.kernelHeight, kw = g.kernelWidth
        for s in 0..<n {
            for oy in 0..<g.outHeight {
                for ox in 0..<g.outWidth {
                    for fi in 0..<f {
                        var sum = Double(bias?.floats[fi] ?? 0)
                        for ki in 0..<kh {
                            for kj in 0..<kw {
                                let y = oy * g.strideHeight - g.padTop + ki
                                let xx = ox * g.strideWidth - g.padLeft + kj
                                if y < 0 || y >= h || xx < 0 || xx >= w { continue }  // zero padding
                                for ci in 0..<c {
                                    sum += Double(x[((s * h + y) * w + xx) * c + ci]) * Double(k[((ki * kw + kj) * c + ci) * f + fi])
                                }
                            }
                        }
                        o[((s * g.outHeight + oy) * g.outWidth + ox) * f + fi] = Float(sum)
                    }
                }
            }
        }
        return out
    }

    public static func maxPool2d(input: Tensor, pool: (Int, Int), strides: (Int, Int),
                                 padding: Padding) throws -> Tensor {
        try pool2d(input, pool: pool, strides: strides, padding: padding, op: "max_pool2d") { cells in
            cells.max()!
        }
    }

    public static func avgPool2d(input: Tensor, pool: (Int, Int), strides: (Int, Int),
                                 padding: Padding) throws -> Tensor {
        try pool2d(input, pool: pool, strides: strides, padding: padding, op: "average_pool2d") { cells in
            cells.reduce(0, +) / Float(cells.count)
        }
    }

    /// Collects each window's in-bounds cells and reduces them.
    private static func pool2d(_ input: Tensor, pool: (Int, Int), strides: (Int, Int), padding: Padding,
                               op: String, reduce: ([Float]) -> Float) throws -> Tensor {
        let (n, h, w, c) = try Checks.nhwc(input, op: op)
        let g = try WindowGeometry(inHeight: h, inWidth: w, kernel: pool, strides: strides, padding: padding, op: op)
        let out = try Tensor(zeros: [n, g.outHeight, g.outWidth, c])
        let x = input.floats, o = out.floats
        for s in 0..<n {
            for oy in 0..<g.outHeight {
                for ox in 0..<g.outWidth {
                    for ci in 0..<c {
                        var cells: [Float] = []
                        for ki in 0..<pool.0 {
                            for kj in 0..<pool.1 {
                                let y = oy * g.strideHeight - g.padTop + ki
                                let xx = ox * g.strideWidth - g.padLeft + kj
                                if y < 0 || y >= h || xx < 0 || xx >= w { continue }
                                cells.append(x[((s * h + y) * w + xx) * c + ci])
                            }
                        }
                        o[((s * g.outHeight + oy) * g.outWidth + ox) * c + ci] = reduce(cells)
                    }
                }
            }
        }
        return out
    }

    public static func globalAvgPool2d(_ input: Tensor) throws -> Tensor {
        try globalPool(input, op: "global_average_pool2d") { $0.reduce(0, +) / Float($0.count) }
    }

    public static func globalMaxPool2d(_ input: Tensor) throws -> Tensor {
        try globalPool(input, op: "global_max_pool2d") { $0.max()! }
    }

    private static func globalPool(_ input: Tensor, op: String, reduce: ([Float]) -> Float) throws -> Tensor {
        let (n, h, w, c) = try Checks.nhwc(input, op: op)
        guard h > 0, w > 0 else { throw TensorError("\(op): input of shape \(input.shape) has no cells") }
        let out = try Tensor(zeros: [n, c])
        let x = input.floats
        for s in 0..<n {
            for ci in 0..<c {
                var cells: [Float] = []
                for y in 0..<h { for xx in 0..<w { cells.append(x[((s * h + y) * w + xx) * c + ci]) } }
                out.floats[s * c + ci] = reduce(cells)
            }
        }
        return out
    }

    public static func dense(input: Tensor, kernel: Tensor, bias: Tensor?) throws -> Tensor {
        let (rows, inner, outer, outShape) = try Kernels.denseShapes(input: input, kernel: kernel, bias: bias)
        let out = try Tensor(zeros: outShape)
        let x = input.floats, k = kernel.floats, o = out.floats
        for r in 0..<rows {
            for j in 0..<outer {
                var sum = Double(bias?.floats[j] ?? 0)
                for i in 0..<inner { sum += Double(x[r * inner + i]) * Double(k[i * outer + j]) }
                o[r * outer + j] = Float(sum)
            }
        }
        return out
    }

    /// Each activation from its textbook formula, in Double.
    public static func activation(_ a: Activation, _ x: Tensor) throws -> Tensor {
        try Checks.float(x, "input", op: a.rawValue)
        let out = try Tensor(zeros: x.shape)
        let src = x.floats, dst = out.floats
        if a == .softmax {
            guard x.shape.rank >= 1 else { throw TensorError("softmax: needs at least one axis, got a scalar") }
            let len = x.shape[-1]
            if len == 0 { return out }
            for r in 0..<(x.count / len) {
                let row = (0..<len).map { Double(src[r * len + $0]) }
                let m = row.max()!
                let exps = row.map { exp($0 - m) }
                let sum = exps.reduce(0, +)
                for i in 0..<len { dst[r * len + i] = Float(exps[i] / sum) }
            }
            return out
        }
        for i in 0..<x.count {
            let v = Double(src[i])
            let y: Double
            switch a {
            case .linear, .softmax: y = v
            case .relu: y = max(v, 0)
            case .sigmoid: y = 1 / (1 + exp(-v))
            case .tanh: y = Glibc.tanh(v)
            case .elu: y = v > 0 ? v : exp(v) - 1
            case .leakyRelu: y = v > 0 ? v : 0.2 * v
            case .relu6: y = min(max(v, 0), 6)
            case .swish, .silu: y = v / (1 + exp(-v))
            case .gelu: y = 0.5 * v * (1 + erf(v / 2.0.squareRoot()))
            }
            dst[i] = Float(y)
        }
        return out
    }

    public static func batchNormInference(_ x: Tensor, gamma: Tensor?, beta: Tensor?, movingMean: Tensor,
                                          movingVariance: Tensor, epsilon: Float) throws -> Tensor {
        let c = try Kernels.batchNormChecks(x, gamma: gamma, beta: beta, movingMean: movingMean,
                                            movingVariance: movingVariance)
        let out = try Tensor(zeros: x.shape)
        if c == 0 { return out }
        for i in 0..<x.count {
            let ch = i % c
            let normalized = (x.floats[i] - movingMean.floats[ch]) / (movingVariance.floats[ch] + epsilon).squareRoot()
            out.floats[i] = (gamma?.floats[ch] ?? 1) * normalized + (beta?.floats[ch] ?? 0)
        }
        return out
    }
}
