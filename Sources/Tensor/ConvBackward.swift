import Glibc

/// The convolution's training forward (which keeps its im2col columns) and its backward pass:
/// with Y = cols · K + b per image, dK = Σ colsᵀ · dY, db = Σ dY over rows, dCols = dY · Kᵀ and
/// dX = col2im(dCols). The batch is split into one part per core, as in the forward pass; each
/// part makes single-threaded sgemm calls into its own partial dK and db, summed at the end.
/// On CPUs with AVX2, BlockedConv takes dX when the channel count is a multiple of 8, and the
/// whole convolution, forward and backward, when the filter count is too; before them, oneDNN
/// takes what the table in OneDNNConv.swift gives it.
extension Kernels {
    /// Like conv2d, but also returns the im2col columns [N * outH * outW, kh * kw * C] so that the
    /// backward pass need not compute them again (nil for a 1×1 stride-1 kernel, whose columns are
    /// the input itself, for a shallow window, which ShallowConv handles without columns, and for
    /// a filter count that is a multiple of 8, which BlockedConv handles without columns). The
    /// columns are a few MB per layer and batch; when MemoryGuard would refuse them, they are not
    /// kept (nil) and conv2dBackward computes them again in chunks.
    public static func conv2dForTraining(input: Tensor, kernel: Tensor, bias: Tensor?, strides: (Int, Int),
                                         padding: Padding, relu: Bool = false) throws -> (output: Tensor, columns: Tensor?) {
        let (n, h, w, c) = try Checks.nhwc(input, op: "conv2d")
        let (g, f) = try conv2dGeometry(input: input, kernel: kernel, bias: bias, strides: strides,
                                        padding: padding)
        let rows = g.outHeight * g.outWidth
        let depth = g.kernelHeight * g.kernelWidth * c
        let (columnCount, overflow) = (n * rows).multipliedReportingOverflow(by: depth * 4)
        if isDirect(g) || overflow || columnCount > MemoryGuard.limitBytes
            || usesShallowConv(g, channels: c, filters: f) || usesBlockedConv(g, channels: c, filters: f)
            || oneDNNChoice(g, channels: c, filters: f).forward {
            return (try conv2d(input: input, kernel: kernel, bias: bias, strides: strides, padding: padding, relu: relu), nil)
        }
        let columns = try Tensor(uninitialized: [n * rows, depth],
                                 what: "the im2col columns of conv2d kept for training (input \(input.shape))")
        let out = try Tensor(uninitialized: [n, g.outHeight, g.outWidth, f],
                             what: "conv2d output of shape \(Shape([n, g.outHeight, g.outWidth, f]))")
        let inP = input.floatPointer, kP = kernel.floatPointer, outP = out.floatPointer
        let colP = columns.floatPointer
        fillRows(outP, rows: n * rows, with: bias)
        let beta: Float = bias == nil ? 0 : 1
        Parallel.forRanges(n, work: n * rows * depth * f) { images in
            for s in images {
                Im2col.im2col(input: inP + s * h * w * c, channels: c, geometry: g, cols: colP + s * rows * depth)
            }
            BLAS.sgemm(transA: false, transB: false, m: images.count * rows, n: f, k: depth, alpha: 1,
                       a: colP + images.lowerBound * rows * depth, lda: depth, b: kP, ldb: f, beta: beta,
                       c: outP + images.lowerBound * rows * f, ldc: f)
            if relu { reluInPlace(outP + images.lowerBound * rows * f, count: images.count * rows * f) }
        }
        return (out, columns)
    }

    /// The gradients of conv2d given dL/dY (`gradOutput`, [N, outH, outW, F]): dL/dX ([N, H, W, C];
    /// nil unless `needInputGradient`), dL/dkernel ([kh, kw, C, F]) and dL/dbias ([F]).
    /// `columns` are the ones conv2dForTraining returned for this input, or nil to compute them here.
    /// With `reluOutput` (y = relu(conv), from a forward with `relu: true`), `gradOutput` is dL/dy.
    public static func conv2dBackward(input: Tensor, kernel: Tensor, gradOutput: Tensor, strides: (Int, Int),
                                      padding: Padding, needInputGradient: Bool = true, columns: Tensor? = nil,
                                      reluOutput: Tensor? = nil) throws -> (input: Tensor?, kernel: Tensor, bias: Tensor) {
        let op = "conv2d_backward"
        let (n, h, w, c) = try Checks.nhwc(input, op: op)
        let (g, f) = try conv2dGeometry(input: input, kernel: kernel, bias: nil, strides: strides, padding: padding)
        let rows = g.outHeight * g.outWidth
        let depth = g.kernelHeight * g.kernelWidth * c
        try Checks.gradient(gradOutput, expected: [n, g.outHeight, g.outWidth, f], op: op)
        if let reluOutput {
            try Checks.gradient(reluOutput, expected: gradOutput.shape, op: op, what: "reluOutput")
        }
        if let r = try oneDNNConv2dBackwardIfChosen(input: input, kernel: kernel, gradOutput: gradOutput,
                                                    reluOutput: reluOutput, geometry: g, channels: c, filters: f,
                                                    needInputGradient: needInputGradient) {
            return r
        }
        if !needInputGradient && usesShallowConv(g, channels: c, filters: f) {
            let (dK, dB) = try shallowConv2dParameterGradients(input: input, kernel: kernel, gradOutput: gradOutput,
                                                               reluOutput: reluOutput, geometry: g, channels: c,
                                                               filters: f)
            return (nil, dK, dB)
        }
        let gradOutput = try reluOutput.map {
            try activationBackward(.relu, input: nil, output: $0, gradOutput: gradOutput)
        } ?? gradOutput
        if usesBlockedBackward(g, channels: c, filters: f, needInputGradient: needInputGradient) {
            let (dK, dB) = try blockedConv2dParameterGradients(input: input, kernel: kernel, gradOutput: gradOutput,
                                                               geometry: g, channels: c, filters: f)
            let dX = needInputGradient
                ? try blockedConv2dInputGradient(gradOutput: gradOutput, kernel: kernel, geometry: g, channels: c,
                                                 filters: f)
                : nil
            return (dX, dK, dB)
        }
        let direct = isDirect(g)
        if let columns, !direct {
            try Checks.float(columns, "columns", op: op)
            guard columns.shape == [n * rows, depth] else {
                throw TensorError("\(op): columns of shape \(columns.shape) do not belong to an input of shape "
                    + "\(input.shape): expected \(Shape([n * rows, depth])), as conv2dForTraining returns")
            }
        }
        let blockedInput = needInputGradient && usesBlockedInputGradient(g, channels: c, filters: f)
        let dInput = blockedInput
            ? try blockedConv2dInputGradient(gradOutput: gradOutput, kernel: kernel, geometry: g, channels: c, filters: f)
            : needInputGradient ? try Tensor(zeros: input.shape, what: "the input gradient of conv2d") : nil

        let kept = direct ? nil : columns
        let perImage = rows * depth
        let chunk = max(1, columnBufferBytes / 4 / max(perImage, 1))
        let colsInput = needInputGradient && !direct && !blockedInput
        let buffers = (kept == nil && !direct ? 1 : 0) + (colsInput ? 1 : 0)
        if buffers > 0 {
            try MemoryGuard.check(bytes: buffers * min(chunk, n) * perImage * 4, what: "conv2d backward buffers")
        }
        let inP = input.floatPointer, kP = kernel.floatPointer, dyP = gradOutput.floatPointer
        let colP = kept?.floatPointer, dxP = blockedInput ? nil : dInput?.floatPointer
        let work = n * rows * depth * f * (dxP != nil ? 2 : 1)
        let (dKernel, dBias) = try summedOverParts(kernel: kernel, filters: f, images: n, work: work) { images, dK, dB in
            sumRows(dyP + images.lowerBound * rows * f, rows: images.count * rows, width: f, into: dB)
            if direct {
                // The input is the column matrix: dK = Xᵀ · dY, dX = dY · Kᵀ.
                BLAS.sgemm(transA: true, transB: false, m: c, n: f, k: images.count * rows, alpha: 1,
                           a: inP + images.lowerBound * rows * c, lda: c,
                           b: dyP + images.lowerBound * rows * f, ldb: f, beta: 0, c: dK, ldc: f)
                if let dxP {
                    BLAS.sgemm(transA: false, transB: true, m: images.count * rows, n: c, k: f, alpha: 1,
                               a: dyP + images.lowerBound * rows * f, lda: f, b: kP, ldb: f, beta: 0,
                               c: dxP + images.lowerBound * rows * c, ldc: c)
                }
                return
            }
            if let colP {
                BLAS.sgemm(transA: true, transB: false, m: depth, n: f, k: images.count * rows, alpha: 1,
                           a: colP + images.lowerBound * perImage, lda: depth,
                           b: dyP + images.lowerBound * rows * f, ldb: f, beta: 0, c: dK, ldc: f)
                if dxP == nil { return }
            }
            let per = min(chunk, images.count)
            let cols = colP == nil ? BufferCache.floats(per * perImage) : nil
            let dCols = dxP != nil ? BufferCache.floats(per * perImage) : nil
            defer {
                if let cols { BufferCache.releaseFloats(cols, count: per * perImage) }
                if let dCols { BufferCache.releaseFloats(dCols, count: per * perImage) }
            }
            var s = images.lowerBound
            while s < images.upperBound {
                let m = min(per, images.upperBound - s)
                let dy = dyP + s * rows * f
                if let cols {
                    for i in 0..<m {
                        Im2col.im2col(input: inP + (s + i) * h * w * c, channels: c, geometry: g,
                                      cols: cols + i * perImage)
                    }
                    BLAS.sgemm(transA: true, transB: false, m: depth, n: f, k: m * rows, alpha: 1,
                               a: cols, lda: depth, b: dy, ldb: f, beta: s == images.lowerBound ? 0 : 1,
                               c: dK, ldc: f)
                }
                if let dCols, let dxP {
                    BLAS.sgemm(transA: false, transB: true, m: m * rows, n: depth, k: f, alpha: 1,
                               a: dy, lda: f, b: kP, ldb: f, beta: 0, c: dCols, ldc: depth)
                    for i in 0..<m {
                        Im2col.col2im(cols: dCols + i * perImage, channels: c, geometry: g,
                                      output: dxP + (s + i) * h * w * c)
                    }
                }
                s += m
            }
        }
        return (dInput, dKernel, dBias)
    }

    /// dL/dkernel and dL/dbias summed over the batch split into one part per core (fewer when
    /// `work` is small): body(images, dK, dB) adds its images' sums into its part's own zeroed
    /// dK [kernel.count] and dB [filters], and the parts are added up at the end.
    static func summedOverParts(kernel: Tensor, filters f: Int, images n: Int, work: Int,
                                _ body: (Range<Int>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void)
        throws -> (kernel: Tensor, bias: Tensor) {
        let dKernel = try Tensor(zeros: kernel.shape, what: "the kernel gradient of conv2d")
        let dBias = try Tensor(zeros: [f], what: "the bias gradient of conv2d")
        let parts = Parallel.partition(n, work: work)
        let partials = PartialSums(parts: parts.count, sizes: [kernel.count, f], firsts: [dKernel, dBias])
        defer { partials.deallocate() }
        Parallel.forEach(parts.count) { p in
            if !parts[p].isEmpty { body(parts[p], partials.pointer(0, part: p), partials.pointer(1, part: p)) }
        }
        partials.sumIntoFirsts()
        return (dKernel, dBias)
    }

    /// A 1×1 kernel with stride 1 needs no im2col: the image already is the column matrix.
    static func isDirect(_ g: WindowGeometry) -> Bool {
        g.kernelHeight == 1 && g.kernelWidth == 1 && g.strideHeight == 1 && g.strideWidth == 1
    }

    /// Adds the `rows` rows of `width` floats at `p` into `into` (which it first zeroes).
    static func sumRows(_ p: UnsafePointer<Float>, rows: Int, width: Int, into: UnsafeMutablePointer<Float>) {
        into.update(repeating: 0, count: width)
        for r in 0..<rows {
            let row = p + r * width
            for j in 0..<width { into[j] += row[j] }
        }
    }
}

/// Per-part partial sums for the backward kernels: part 0 writes straight into the result
/// tensors, the other parts into their own zeroed buffers, added into the results at the end.
final class PartialSums {
    private let parts: Int
    private let sizes: [Int]
    private let firsts: [UnsafeMutablePointer<Float>]
    private var extra: [[UnsafeMutablePointer<Float>]] = []  // [part - 1][tensor]

    init(parts: Int, sizes: [Int], firsts: [Tensor]) {
        self.parts = parts
        self.sizes = sizes
        self.firsts = firsts.map(\.floatPointer)
        for _ in 1..<max(parts, 1) {
            extra.append(sizes.map { size in
                let p = UnsafeMutablePointer<Float>.allocate(capacity: max(size, 1))
                p.initialize(repeating: 0, count: max(size, 1))
                return p
            })
        }
    }

    func pointer(_ tensor: Int, part: Int) -> UnsafeMutablePointer<Float> {
        part == 0 ? firsts[tensor] : extra[part - 1][tensor]
    }

    func sumIntoFirsts() {
        for buffers in extra {
            for (t, b) in buffers.enumerated() {
                let dst = firsts[t]
                for i in 0..<sizes[t] { dst[i] += b[i] }
            }
        }
    }

    func deallocate() {
        for buffers in extra { for b in buffers { b.deallocate() } }
        extra = []
    }
}

extension Parallel {
    /// The contiguous ranges forRanges would split 0..<total into for this much work.
    static func partition(_ total: Int, work: Int) -> [Range<Int>] {
        let minWorkPerThread = 2_000_000
        let parts = max(1, min(maxThreads, total, work / minWorkPerThread))
        return (0..<parts).map { p in (total * p / parts)..<(total * (p + 1) / parts) }
    }
}

extension Checks {
    /// A gradient must be float32 and exactly the shape of what it is the gradient of.
    static func gradient(_ t: Tensor, expected: Shape, op: String, what: String = "gradOutput") throws {
        try float(t, what, op: op)
        guard t.shape == expected else {
            throw TensorError("\(op): \(what) must have the shape of the forward output, \(expected), got \(t.shape)")
        }
    }
}
