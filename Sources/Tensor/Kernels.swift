import Glibc

/// The fast paths: im2col + sgemm convolution, sgemm dense, channel-vectorised pooling.
/// Each has a twin in NaiveKernels written as direct loops; the tests compare them.
/// All take and return float32 tensors in NHWC; shape errors throw TensorError.
public enum Kernels {
    /// im2col buffers are cut to about this many bytes per thread (at least one image).
    static let columnBufferBytes = 8 << 20

    /// input [N, H, W, C], kernel [kh, kw, C, F], bias [F] → [N, outH, outW, F]; with `relu`,
    /// max(0, ·) of that, applied while the output is still in cache.
    public static func conv2d(input: Tensor, kernel: Tensor, bias: Tensor?, strides: (Int, Int),
                              padding: Padding, relu: Bool = false) throws -> Tensor {
        let (n, h, w, c) = try Checks.nhwc(input, op: "conv2d")
        let (g, f) = try conv2dGeometry(input: input, kernel: kernel, bias: bias, strides: strides,
                                        padding: padding)
        if oneDNNChoice(g, channels: c, filters: f).forward,
           let out = try oneDNNConv2d(input: input, kernel: kernel, bias: bias, relu: relu, geometry: g, channels: c,
                                      filters: f) {
            return out
        }
        if usesShallowConv(g, channels: c, filters: f) {
            return try shallowConv2d(input: input, kernel: kernel, bias: bias, relu: relu, geometry: g,
                                     channels: c, filters: f)
        }
        if usesBlockedConv(g, channels: c, filters: f) {
            return try blockedConv2d(input: input, kernel: kernel, bias: bias, relu: relu, geometry: g,
                                     channels: c, filters: f)
        }
        let out = try Tensor(uninitialized: [n, g.outHeight, g.outWidth, f],
                             what: "conv2d output of shape \(Shape([n, g.outHeight, g.outWidth, f]))")
        let rows = g.outHeight * g.outWidth
        let depth = g.kernelHeight * g.kernelWidth * c
        let inP = input.floatPointer, kP = kernel.floatPointer, outP = out.floatPointer
        fillRows(outP, rows: n * rows, with: bias)
        let beta: Float = bias == nil ? 0 : 1

        // A 1×1 kernel with stride 1 needs no im2col: the image already is the column matrix.
        let direct = g.kernelHeight == 1 && g.kernelWidth == 1 && g.strideHeight == 1 && g.strideWidth == 1
        let perImage = rows * depth
        let chunk = max(1, columnBufferBytes / 4 / max(perImage, 1))
        if !direct { try MemoryGuard.check(bytes: min(chunk, n) * perImage * 4, what: "conv2d im2col buffer") }

        Parallel.forRanges(n, work: n * rows * depth * f) { images in
            if direct {
                BLAS.sgemm(transA: false, transB: false, m: images.count * rows, n: f, k: c, alpha: 1,
                           a: inP + images.lowerBound * h * w * c, lda: c, b: kP, ldb: f, beta: beta,
                           c: outP + images.lowerBound * rows * f, ldc: f)
                if relu { reluInPlace(outP + images.lowerBound * rows * f, count: images.count * rows * f) }
                return
            }
            let per = min(chunk, images.count)
            let cols = BufferCache.floats(per * perImage)
            defer { BufferCache.releaseFloats(cols, count: per * perImage) }
            var s = images.lowerBound
            while s < images.upperBound {
                let m = min(per, images.upperBound - s)
                for i in 0..<m {
                    Im2col.im2col(input: inP + (s + i) * h * w * c, channels: c, geometry: g,
                                  cols: cols + i * perImage)
                }
                BLAS.sgemm(transA: false, transB: false, m: m * rows, n: f, k: depth, alpha: 1,
                           a: cols, lda: depth, b: kP, ldb: f, beta: beta, c: outP + s * rows * f, ldc: f)
                if relu { reluInPlace(outP + s * rows * f, count: m * rows * f) }
                s += m
            }
        }
        return out
    }

    /// Validates a convolution's operands; returns the window geometry and the filter count.
    public static func conv2dGeometry(input: Tensor, kernel: Tensor, bias: Tensor?, strides: (Int, Int),
                                      padding: Padding) throws -> (WindowGeometry, Int) {
        let (_, h, w, c) = try Checks.nhwc(input, op: "conv2d")
        try Checks.float(kernel, "kernel", op: "conv2d")
        guard kernel.shape.rank == 4, kernel.shape[2] == c else {
            throw TensorError("conv2d: a kernel of shape \(kernel.shape) does not fit an input of shape "
                + "\(input.shape): expected (kernel_h, kernel_w, \(c), filters)")
        }
        let f = kernel.shape[3]
        try Checks.vector(bias, length: f, "bias", op: "conv2d")
        let g = try WindowGeometry(inHeight: h, inWidth: w, kernel: (kernel.shape[0], kernel.shape[1]),
                                   strides: strides, padding: padding, op: "conv2d")
        return (g, f)
    }

    /// input [..., in] (usually [N, in]), kernel [in, out], bias [out] → [..., out].
    public static func dense(input: Tensor, kernel: Tensor, bias: Tensor?) throws -> Tensor {
        let (rows, inner, outer, outShape) = try denseShapes(input: input, kernel: kernel, bias: bias)
        let out = try Tensor(uninitialized: outShape, what: "dense output of shape \(outShape)")
        let inP = input.floatPointer, kP = kernel.floatPointer, outP = out.floatPointer
        fillRows(outP, rows: rows, with: bias)
        let beta: Float = bias == nil ? 0 : 1
        Parallel.forRanges(rows, work: rows * inner * outer) { r in
            BLAS.sgemm(transA: false, transB: false, m: r.count, n: outer, k: inner, alpha: 1,
                       a: inP + r.lowerBound * inner, lda: inner, b: kP, ldb: outer, beta: beta,
                       c: outP + r.lowerBound * outer, ldc: outer)
        }
        return out
    }

    static func denseShapes(input: Tensor, kernel: Tensor, bias: Tensor?) throws -> (Int, Int, Int, Shape) {
        try Checks.float(input, "input", op: "dense")
        try Checks.float(kernel, "kernel", op: "dense")
        guard input.shape.rank >= 1, kernel.shape.rank == 2, kernel.shape[0] == input.shape[-1] else {
            throw TensorError("dense: a kernel of shape \(kernel.shape) does not fit an input of shape "
                + "\(input.shape): expected (\(input.shape.rank >= 1 ? String(input.shape[-1]) : "in"), units)")
        }
        let inner = kernel.shape[0], outer = kernel.shape[1]
        try Checks.vector(bias, length: outer, "bias", op: "dense")
        var outShape = input.shape
        outShape[-1] = outer
        return (input.count / max(inner, 1), inner, outer, outShape)
    }

    /// Max over each window; padded cells ('same') never win.
    public static func maxPool2d(input: Tensor, pool: (Int, Int), strides: (Int, Int),
                                 padding: Padding) throws -> Tensor {
        try pool2d(input: input, pool: pool, strides: strides, padding: padding, op: "max_pool2d", isMax: true)
    }

    /// Mean over each window; with 'same', over the window's cells inside the input, as TensorFlow.
    public static func avgPool2d(input: Tensor, pool: (Int, Int), strides: (Int, Int),
                                 padding: Padding) throws -> Tensor {
        try pool2d(input: input, pool: pool, strides: strides, padding: padding, op: "average_pool2d", isMax: false)
    }

    private static func pool2d(input: Tensor, pool: (Int, Int), strides: (Int, Int), padding: Padding,
                               op: String, isMax: Bool) throws -> Tensor {
        let (n, h, w, c) = try Checks.nhwc(input, op: op)
        let g = try WindowGeometry(inHeight: h, inWidth: w, kernel: pool, strides: strides, padding: padding, op: op)
        if isMax && isPool2x2(pool: pool, strides: strides, padding: padding),
           let out = try maxPool2x2(input: input, n: n, h: h, w: w, c: c) {
            return out
        }
        let out = try Tensor(zeros: [n, g.outHeight, g.outWidth, c], what: "\(op) output")
        let inP = input.floatPointer, outP = out.floatPointer
        Parallel.forRanges(n, work: out.count * pool.0 * pool.1) { images in
            for s in images {
                let image = inP + s * h * w * c
                var o = outP + s * g.outHeight * g.outWidth * c
                for oy in 0..<g.outHeight {
                    let y0 = oy * g.strideHeight - g.padTop
                    let yLo = max(0, y0), yHi = min(h, y0 + g.kernelHeight)
                    for ox in 0..<g.outWidth {
                        let x0 = ox * g.strideWidth - g.padLeft
                        let xLo = max(0, x0), xHi = min(w, x0 + g.kernelWidth)
                        o.update(repeating: isMax ? -Float.infinity : 0, count: c)
                        for y in yLo..<yHi {
                            for x in xLo..<xHi {
                                let cell = image + (y * w + x) * c
                                if isMax {
                                    for ch in 0..<c { o[ch] = max(o[ch], cell[ch]) }
                                } else {
                                    for ch in 0..<c { o[ch] += cell[ch] }
                                }
                            }
                        }
                        if !isMax {
                            let scale = 1 / Float((yHi - yLo) * (xHi - xLo))
                            for ch in 0..<c { o[ch] *= scale }
                        }
                        o += c
                    }
                }
            }
        }
        return out
    }

    /// [N, H, W, C] → [N, C], the mean over H and W.
    public static func globalAvgPool2d(_ input: Tensor) throws -> Tensor {
        try globalPool(input, op: "global_average_pool2d", isMax: false)
    }

    /// [N, H, W, C] → [N, C], the max over H and W.
    public static func globalMaxPool2d(_ input: Tensor) throws -> Tensor {
        try globalPool(input, op: "global_max_pool2d", isMax: true)
    }

    private static func globalPool(_ input: Tensor, op: String, isMax: Bool) throws -> Tensor {
        let (n, h, w, c) = try Checks.nhwc(input, op: op)
        guard h > 0, w > 0 else { throw TensorError("\(op): input of shape \(input.shape) has no cells") }
        let out = try Tensor(zeros: [n, c], what: "\(op) output")
        let inP = input.floatPointer, outP = out.floatPointer
        let cells = h * w
        for s in 0..<n {
            let o = outP + s * c
            let image = inP + s * cells * c
            o.update(repeating: isMax ? -Float.infinity : 0, count: c)
            for cell in 0..<cells {
                let p = image + cell * c
                if isMax {
                    for ch in 0..<c { o[ch] = max(o[ch], p[ch]) }
                } else {
                    for ch in 0..<c { o[ch] += p[ch] }
                }
            }
            if !isMax {
                let scale = 1 / Float(cells)
                for ch in 0..<c { o[ch] *= scale }
            }
        }
        return out
    }

    /// max(0, x) over `count` floats, for an activation fused into the kernel before it.
    static func reluInPlace(_ p: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { p[i] = max(p[i], 0) }
    }

    /// Writes `bias` into each of `rows` rows (or does nothing without a bias).
    static func fillRows(_ p: UnsafeMutablePointer<Float>, rows: Int, with bias: Tensor?) {
        guard let bias else { return }
        let len = bias.count, b = bias.floatPointer
        for r in 0..<rows { (p + r * len).update(from: b, count: len) }
    }
}
