import Glibc

/// The backward passes written as direct loops in Double, following the forward definitions
/// term by term: for every output element and every input it reads, the chain rule adds
/// ∂y/∂x · dy into dx. Slow; the tests hold the fast backward kernels against these, and check
/// these against finite differences of the naive forward kernels.
extension NaiveKernels {
    public static func conv2dBackward(input: Tensor, kernel: Tensor, gradOutput: Tensor, strides: (Int, Int),
                                      padding: Padding) throws -> (input: Tensor, kernel: Tensor, bias: Tensor) {
        let (n, h, w, c) = try Checks.nhwc(input, op: "conv2d_backward")
        let (g, f) = try Kernels.conv2dGeometry(input: input, kernel: kernel, bias: nil, strides: strides,
                                                padding: padding)
        try Checks.gradient(gradOutput, expected: [n, g.outHeight, g.outWidth, f], op: "conv2d_backward")
        let kh = g.kernelHeight, kw = g.kernelWidth
        var dx = [Double](repeating: 0, count: input.count), dk = [Double](repeating: 0, count: kernel.count)
        var db = [Double](repeating: 0, count: f)
        let x = input.floats, k = kernel.floats, dy = gradOutput.floats
        for s in 0..<n {
            for oy in 0..<g.outHeight {
                for ox in 0..<g.outWidth {
                    for fi in 0..<f {
                        let grad = Double(dy[((s * g.outHeight + oy) * g.outWidth + ox) * f + fi])
                        db[fi] += grad
                        for ki in 0..<kh {
                            for kj in 0..<kw {
                                let y = oy * g.strideHeight - g.padTop + ki
                                let xx = ox * g.strideWidth - g.padLeft + kj
                                if y < 0 || y >= h || xx < 0 || xx >= w { continue }
                                for ci in 0..<c {
                                    let xi = ((s * h + y) * w + xx) * c + ci
                                    let ki2 = ((ki * kw + kj) * c + ci) * f + fi
                                    dk[ki2] += Double(x[xi]) * grad
                                    dx[xi] += Double(k[ki2]) * grad
                                }
                            }
                        }
                    }
                }
            }
        }
        return (try tensor(input.shape, dx), try tensor(kernel.shape, dk), try tensor([f], db))
    }

    public static func denseBackward(input: Tensor, kernel: Tensor, gradOutput: Tensor) throws
        -> (input: Tensor, kernel: Tensor, bias: Tensor) {
        let (rows, inner, outer, outShape) = try Kernels.denseShapes(input: input, kernel: kernel, bias: nil)
        try Checks.gradient(gradOutput, expected: outShape, op: "dense_backward")
        var dx = [Double](repeating: 0, count: input.count), dk = [Double](repeating: 0, count: kernel.count)
        var db = [Double](repeating: 0, count: outer)
        let x = input.floats, k = kernel.floats, dy = gradOutput.floats
        for r in 0..<rows {
            for j in 0..<outer {
                let grad = Double(dy[r * outer + j])
                db[j] += grad
                for i in 0..<inner {
                    dk[i * outer + j] += Double(x[r * inner + i]) * grad
                    dx[r * inner + i] += Double(k[i * outer + j]) * grad
                }
            }
        }
        return (try tensor(input.shape, dx), try tensor(kernel.shape, dk), try tensor([outer], db))
    }

    public static func maxPool2dBackward(input: Tensor, gradOutput: Tensor, pool: (Int, Int), strides: (Int, Int),
                                         padding: Padding) throws -> Tensor {
        try poolBackward(input, gradOutput, pool: pool, strides: strides, padding: padding) { cells in
            // The first index holding the maximum.
            var best = 0
            for i in cells.indices where cells[i] > cells[best] { best = i }
            return cells.indices.map { $0 == best ? 1 : 0 }
        }
    }

    public static func avgPool2dBackward(input: Tensor, gradOutput: Tensor, pool: (Int, Int), strides: (Int, Int),
                                         padding: Padding) throws -> Tensor {
        try poolBackward(input, gradOutput, pool: pool, strides: strides, padding: padding) { cells in
            cells.map { _ in 1 / Double(cells.count) }
        }
    }

    /// For each window and channel: its in-bounds cells, and `weights` of each cell's share of dy.
    private static func poolBackward(_ input: Tensor, _ gradOutput: Tensor, pool: (Int, Int), strides: (Int, Int),
                                     padding: Padding, weights: ([Float]) -> [Double]) throws -> Tensor {
        let (n, h, w, c) = try Checks.nhwc(input, op: "pool2d_backward")
        let g = try WindowGeometry(inHeight: h, inWidth: w, kernel: pool, strides: strides, padding: padding)
        try Checks.gradient(gradOutput, expected: [n, g.outHeight, g.outWidth, c], op: "pool2d_backward")
        var dx = [Double](repeating: 0, count: input.count)
        let x = input.floats, dy = gradOutput.floats
        for s in 0..<n {
            for oy in 0..<g.outHeight {
                for ox in 0..<g.outWidth {
                    for ci in 0..<c {
                        var cells: [Float] = [], at: [Int] = []
                        for ki in 0..<pool.0 {
                            for kj in 0..<pool.1 {
                                let y = oy * g.strideHeight - g.padTop + ki
                                let xx = ox * g.strideWidth - g.padLeft + kj
                                if y < 0 || y >= h || xx < 0 || xx >= w { continue }
                                at.append(((s * h + y) * w + xx) * c + ci)
                                cells.append(x[at.last!])
                            }
                        }
                        let grad = Double(dy[((s * g.outHeight + oy) * g.outWidth + ox) * c + ci])
                        for (i, share) in weights(cells).enumerated() { dx[at[i]] += share * grad }
                    }
                }
            }
        }
        return try tensor(input.shape, dx)
    }

    /// gradOutput [N, C]; each channel's gradient spread over its H * W cells.
    public static func globalAvgPool2dBackward(input: Tensor, gradOutput: Tensor) throws -> Tensor {
        let (n, h, w, c) = try Checks.nhwc(input, op: "global_average_pool2d_backward")
        try Checks.gradient(gradOutput, expected: [n, c], op: "global_average_pool2d_backward")
        return try avgPool2dBackward(input: input, gradOutput: gradOutput.reshaped([n, 1, 1, c]), pool: (h, w),
                                     strides: (1, 1), padding: .valid)
    }

    /// gradOutput [N, C]; each channel's gradient to its first maximum.
    public static func globalMaxPool2dBackward(input: Tensor, gradOutput: Tensor) throws -> Tensor {
        let (n, h, w, c) = try Checks.nhwc(input, op: "global_max_pool2d_backward")
        try Checks.gradient(gradOutput, expected: [n, c], op: "global_max_pool2d_backward")
        return try maxPool2dBackward(input: input, gradOutput: gradOutput.reshaped([n, 1, 1, c]), pool: (h, w),
                                     strides: (1, 1), padding: .valid)
    }

    /// dx from the input x alone, with each derivative's textbook formula in Double.
    public static func activationBackward(_ a: Activation, input: Tensor, gradOutput: Tensor) throws -> Tensor {
        try Checks.gradient(gradOutput, expected: input.shape, op: "activation_backward")
        let x = input.floats, dy = gradOutput.floats
        var dx = [Double](repeating: 0, count: input.count)
        if a == .softmax {
            let y = try activation(.softmax, input)
            let len = input.shape.rank == 0 ? 1 : input.shape[-1]
            if len == 0 { return try tensor(input.shape, dx) }
            let yv = y.floats
            for r in 0..<(input.count / len) {
                // dx_i = Σ_j dy_j ∂y_j/∂x_i, ∂y_j/∂x_i = y_j (δ_ij - y_i).
                for i in 0..<len {
                    var sum = 0.0
                    for j in 0..<len {
                        let yi = Double(yv[r * len + i]), yj = Double(yv[r * len + j])
                        sum += Double(dy[r * len + j]) * yj * ((i == j ? 1 : 0) - yi)
                    }
                    dx[r * len + i] = sum
                }
            }
            return try tensor(input.shape, dx)
        }
        for i in 0..<input.count {
            let v = Double(x[i])
            let s = 1 / (1 + exp(-v))
            let d: Double
            switch a {
            case .linear, .softmax: d = 1
            case .relu: d = v > 0 ? 1 : 0
            case .sigmoid: d = s * (1 - s)
            case .tanh: d = 1 - Glibc.tanh(v) * Glibc.tanh(v)
            case .elu: d = v > 0 ? 1 : exp(v)
            case .leakyRelu: d = v > 0 ? 1 : 0.2
            case .relu6: d = v > 0 && v < 6 ? 1 : 0
            case .swish, .silu: d = s + v * s * (1 - s)
            case .gelu: d = 0.5 * (1 + erf(v / 2.0.squareRoot())) + v * exp(-v * v / 2) / (2 * Double.pi).squareRoot()
            }
            dx[i] = d * Double(dy[i])
        }
        return try tensor(input.shape, dx)
    }

    /// Training-mode batch normalisation over the last axis, in Double: (y, mean, biased variance).
    public static func batchNormTraining(_ x: Tensor, gamma: Tensor?, beta: Tensor?, epsilon: Float) throws
        -> (output: Tensor, mean: Tensor, variance: Tensor) {
        let c = x.shape[-1], rows = x.count / max(c, 1)
        var y = [Double](repeating: 0, count: x.count), mean = [Double](repeating: 0, count: c)
        var variance = [Double](repeating: 0, count: c)
        let v = x.floats
        for ch in 0..<c {
            var sum = 0.0
            for r in 0..<rows { sum += Double(v[r * c + ch]) }
            mean[ch] = sum / Double(rows)
            var sq = 0.0
            for r in 0..<rows { sq += (Double(v[r * c + ch]) - mean[ch]) * (Double(v[r * c + ch]) - mean[ch]) }
            variance[ch] = sq / Double(rows)
            let g = Double(gamma?.floats[ch] ?? 1), b = Double(beta?.floats[ch] ?? 0)
            for r in 0..<rows {
                y[r * c + ch] = g * (Double(v[r * c + ch]) - mean[ch]) / (variance[ch] + Double(epsilon)).squareRoot() + b
            }
        }
        return (try tensor(x.shape, y), try tensor([c], mean), try tensor([c], variance))
    }

    /// The gradients of batchNormTraining over the last axis, from x itself, in Double, by the
    /// chain rule through mean and variance term by term.
    public static func batchNormTrainingBackward(_ x: Tensor, gamma: Tensor?, gradOutput: Tensor, epsilon: Float)
        throws -> (input: Tensor, gamma: Tensor, beta: Tensor) {
        let c = x.shape[-1], rows = x.count / max(c, 1)
        let v = x.floats, dy = gradOutput.floats
        var dx = [Double](repeating: 0, count: x.count)
        var dg = [Double](repeating: 0, count: c), db = [Double](repeating: 0, count: c)
        let m = Double(rows)
        for ch in 0..<c {
            let xs = (0..<rows).map { Double(v[$0 * c + ch]) }
            let gs = (0..<rows).map { Double(dy[$0 * c + ch]) }
            let mean = xs.reduce(0, +) / m
            let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / m
            let std = (variance + Double(epsilon)).squareRoot()
            let gamma = Double(gamma?.floats[ch] ?? 1)
            let xhat = xs.map { ($0 - mean) / std }
            for r in 0..<rows { db[ch] += gs[r]; dg[ch] += gs[r] * xhat[r] }
            // dL/dx̂, then through variance and mean.
            let dxhat = gs.map { $0 * gamma }
            var dVar = 0.0, dMean = 0.0
            for r in 0..<rows {
                dVar += dxhat[r] * (xs[r] - mean) * -0.5 * pow(variance + Double(epsilon), -1.5)
                dMean += -dxhat[r] / std
            }
            for r in 0..<rows {
                dMean += dVar * -2 * (xs[r] - mean) / m
            }
            for r in 0..<rows {
                dx[r * c + ch] = dxhat[r] / std + dVar * 2 * (xs[r] - mean) / m + dMean / m
            }
        }
        return (try tensor(x.shape, dx), try tensor([c], dg), try tensor([c], db))
    }

    private static func tensor(_ shape: Shape, _ values: [Double]) throws -> Tensor {
        try Tensor(shape: shape, floats: values.map { Float($0) })
    }
}
