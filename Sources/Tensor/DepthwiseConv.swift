/// Depthwise 2-D convolution (Keras's DepthwiseConv2D), NHWC: each input channel c is convolved
/// with its own `multiplier` kernels `kernel[:, :, c, m]`, giving output channel `c * multiplier + m`.
/// Loops over the output with the window's padding, one output row (forward) or part of the batch
/// (backward) per core; the naive twin in the tests convolves each
/// channel separately with `NaiveKernels.conv2d`.
extension Kernels {
    public static func depthwiseConv2d(input: Tensor, kernel: Tensor, bias: Tensor?, strides: (Int, Int),
                                       padding: Padding) throws -> Tensor {
        let (n, g, c, m) = try depthwiseGeometry(input, kernel, strides, padding)
        let out = try Tensor(zeros: Shape([n, g.outHeight, g.outWidth, c * m]), what: "the depthwise convolution's output")
        let x = input.floats, k = kernel.floats, y = out.floats
        let b = bias?.floats
        let oc = c * m
        // One output row per task: rows write disjoint outputs.
        Parallel.forRanges(n * g.outHeight, work: n * g.outHeight * g.outWidth * oc * g.kernelHeight * g.kernelWidth) { rows in
            for row in rows {
                let img = row / g.outHeight, oy = row % g.outHeight
                for ox in 0..<g.outWidth {
                    let base = ((img * g.outHeight + oy) * g.outWidth + ox) * oc
                    if let b { for o in 0..<oc { y[base + o] = b[o] } }
                    for ky in 0..<g.kernelHeight {
                        let iy = oy * g.strideHeight + ky - g.padTop
                        if iy < 0 || iy >= g.inHeight { continue }
                        for kx in 0..<g.kernelWidth {
                            let ix = ox * g.strideWidth + kx - g.padLeft
                            if ix < 0 || ix >= g.inWidth { continue }
                            let xi = ((img * g.inHeight + iy) * g.inWidth + ix) * c
                            let ki = (ky * g.kernelWidth + kx) * oc
                            if m == 1 {
                                // Contiguous in the channel: vectorizes.
                                for ch in 0..<c { y[base + ch] += x[xi + ch] * k[ki + ch] }
                            } else {
                                for ch in 0..<c {
                                    let v = x[xi + ch]
                                    for j in 0..<m { y[base + ch * m + j] += v * k[ki + ch * m + j] }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// dL/dinput (when asked), dL/dkernel and dL/dbias of `depthwiseConv2d`, given dL/dy.
    public static func depthwiseConv2dBackward(input: Tensor, kernel: Tensor, gradOutput: Tensor, strides: (Int, Int),
                                               padding: Padding, needInputGradient: Bool)
        throws -> (input: Tensor?, kernel: Tensor, bias: Tensor) {
        let (n, g, c, m) = try depthwiseGeometry(input, kernel, strides, padding)
        let oc = c * m
        let dx = needInputGradient ? try Tensor(zeros: input.shape) : nil
        let x = input.floats, k = kernel.floats, dy = gradOutput.floats
        let dxf = dx?.floats
        // One part of the batch per core (images write disjoint dX), each summing into its own
        // dK and dB, added up at the end.
        let work = n * g.outHeight * g.outWidth * oc * g.kernelHeight * g.kernelWidth * 2
        let (dk, db) = try summedOverParts(kernel: kernel, filters: oc, images: n, work: work) { images, dkf, dbf in
            for img in images {
                for oy in 0..<g.outHeight {
                    for ox in 0..<g.outWidth {
                        let base = ((img * g.outHeight + oy) * g.outWidth + ox) * oc
                        for o in 0..<oc { dbf[o] += dy[base + o] }
                        for ky in 0..<g.kernelHeight {
                            let iy = oy * g.strideHeight + ky - g.padTop
                            if iy < 0 || iy >= g.inHeight { continue }
                            for kx in 0..<g.kernelWidth {
                                let ix = ox * g.strideWidth + kx - g.padLeft
                                if ix < 0 || ix >= g.inWidth { continue }
                                let xi = ((img * g.inHeight + iy) * g.inWidth + ix) * c
                                let ki = (ky * g.kernelWidth + kx) * oc
                                if m == 1 {
                                    for ch in 0..<c { dkf[ki + ch] += x[xi + ch] * dy[base + ch] }
                                    if let dxf { for ch in 0..<c { dxf[xi + ch] += k[ki + ch] * dy[base + ch] } }
                                    continue
                                }
                                for ch in 0..<c {
                                    var gx: Float = 0
                                    for j in 0..<m {
                                        let d = dy[base + ch * m + j]
                                        dkf[ki + ch * m + j] += x[xi + ch] * d
                                        gx += k[ki + ch * m + j] * d
                                    }
                                    dxf?[xi + ch] += gx
                                }
                            }
                        }
                    }
                }
            }
        }
        return (dx, dk, db)
    }

    private static func depthwiseGeometry(_ input: Tensor, _ kernel: Tensor, _ strides: (Int, Int), _ padding: Padding)
        throws -> (Int, WindowGeometry, Int, Int) {
        guard input.shape.rank == 4, kernel.shape.rank == 4, input.shape[3] == kernel.shape[2] else {
            throw TensorError("depthwise conv2d: input \(input.shape) and kernel \(kernel.shape) do not match (NHWC, (kh, kw, in, multiplier))")
        }
        let g = try WindowGeometry(inHeight: input.shape[1], inWidth: input.shape[2], kernel: (kernel.shape[0], kernel.shape[1]),
                                   strides: strides, padding: padding, op: "depthwise conv2d")
        return (input.shape[0], g, input.shape[3], kernel.shape[3])
    }
}
