/// Transposed 2-D convolution (Keras's Conv2DTranspose), NHWC, as TensorFlow computes it: the
/// adjoint of a conv2d that would map an [outH, outW, filters] image to the [H, W, C] input with
/// the same kernel, strides and padding. The kernel is Keras's `(kh, kw, filters, C)`, which is
/// that conv2d's `(kh, kw, in, out)` kernel. Each input pixel scatters `x · Kᵀ` into its window:
/// columns = X · Kᵀ by sgemm, then col2im into the output, then the bias. The naive twin in the
/// tests scatters element by element in Double.
extension Kernels {
    /// `outputSize` is the (height, width) Keras's shape rule gives; the conv2d it is the adjoint
    /// of must map that size back to the input's (TensorFlow raises otherwise, and so does this).
    public static func conv2dTranspose(input: Tensor, kernel: Tensor, bias: Tensor?, strides: (Int, Int), padding: Padding,
                                       outputSize: (Int, Int)) throws -> Tensor {
        let (n, h, w, c, f, g) = try transposeGeometry(input, kernel, strides, padding, outputSize)
        if let bias {
            try Checks.float(bias, "bias", op: "conv2d_transpose")
            guard bias.shape == [f] else { throw TensorError("conv2d_transpose: bias \(bias.shape) must be [\(f)] for kernel \(kernel.shape)") }
        }
        let rows = h * w
        let depth = g.kernelHeight * g.kernelWidth * f
        let out = try Tensor(zeros: Shape([n, outputSize.0, outputSize.1, f]), what: "the transposed convolution's output")
        let perImage = rows * depth
        try MemoryGuard.check(bytes: perImage * 4, what: "conv2d_transpose columns")
        let inP = input.floatPointer, kP = kernel.floatPointer, outP = out.floatPointer
        let outImage = outputSize.0 * outputSize.1 * f
        Parallel.forRanges(n, work: n * rows * depth * c) { images in
            let cols = BufferCache.floats(perImage)
            defer { BufferCache.releaseFloats(cols, count: perImage) }
            for s in images {
                // cols [rows, kh*kw*F] = X [rows, C] · Kᵀ, K seen as [kh*kw*F, C].
                BLAS.sgemm(transA: false, transB: true, m: rows, n: depth, k: c, alpha: 1, a: inP + s * rows * c, lda: c,
                           b: kP, ldb: c, beta: 0, c: cols, ldc: depth)
                Im2col.col2im(cols: cols, channels: f, geometry: g, output: outP + s * outImage)
            }
        }
        if let bias {
            let b = bias.floatPointer
            for p in 0..<(n * outputSize.0 * outputSize.1) {
                let row = outP + p * f
                for j in 0..<f { row[j] += b[j] }
            }
        }
        return out
    }

    /// dL/dinput (when asked), dL/dkernel and dL/dbias of `conv2dTranspose`, given dL/dy
    /// ([N, outH, outW, F]): dX is the conv2d of dY with the kernel, dK that conv2d's kernel
    /// gradient with dY as its input and X as its output gradient, dB the sum of dY per filter.
    public static func conv2dTransposeBackward(input: Tensor, kernel: Tensor, gradOutput: Tensor, strides: (Int, Int),
                                               padding: Padding, needInputGradient: Bool)
        throws -> (input: Tensor?, kernel: Tensor, bias: Tensor) {
        guard gradOutput.shape.rank == 4 else {
            throw TensorError("conv2d_transpose_backward: gradOutput \(gradOutput.shape) must be [N, outH, outW, filters]")
        }
        let (n, _, _, _, f, _) = try transposeGeometry(input, kernel, strides, padding, (gradOutput.shape[1], gradOutput.shape[2]))
        try Checks.gradient(gradOutput, expected: [n, gradOutput.shape[1], gradOutput.shape[2], f], op: "conv2d_transpose_backward")
        let dX = needInputGradient ? try conv2d(input: gradOutput, kernel: kernel, bias: nil, strides: strides, padding: padding) : nil
        let dK = try conv2dBackward(input: gradOutput, kernel: kernel, gradOutput: input, strides: strides, padding: padding,
                                    needInputGradient: false).kernel
        let dB = try Tensor(zeros: Shape([f]), what: "the bias gradient of conv2d_transpose")
        sumRows(gradOutput.floatPointer, rows: gradOutput.count / f, width: f, into: dB.floatPointer)
        return (dX, dK, dB)
    }

    /// (N, H, W, C, filters, geometry of the conv2d from the output size to the input size).
    static func transposeGeometry(_ input: Tensor, _ kernel: Tensor, _ strides: (Int, Int), _ padding: Padding,
                                  _ outputSize: (Int, Int)) throws -> (Int, Int, Int, Int, Int, WindowGeometry) {
        let op = "conv2d_transpose"
        let (n, h, w, c) = try Checks.nhwc(input, op: op)
        try Checks.float(kernel, "kernel", op: op)
        guard kernel.shape.rank == 4, kernel.shape[3] == c else {
            throw TensorError("\(op): kernel \(kernel.shape) must be (kh, kw, filters, \(c)) for input \(input.shape)")
        }
        let g = try WindowGeometry(inHeight: outputSize.0, inWidth: outputSize.1, kernel: (kernel.shape[0], kernel.shape[1]),
                                   strides: strides, padding: padding, op: op)
        guard g.outHeight == h, g.outWidth == w else {
            throw TensorError("\(op): an output of size (\(outputSize.0), \(outputSize.1)) does not map back to the input's "
                + "(\(h), \(w)) with kernel (\(g.kernelHeight), \(g.kernelWidth)), strides (\(strides.0), \(strides.1)) and padding "
                + "'\(padding.rawValue)' (it gives (\(g.outHeight), \(g.outWidth))); TensorFlow refuses this too: change output_padding")
        }
        return (n, h, w, c, kernel.shape[2], g)
    }
}
