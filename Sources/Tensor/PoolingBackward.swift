/// The backward passes of the pooling kernels, with the forward passes' window rules:
/// max pooling sends each window's gradient to the cell the forward picked (the first maximum in
/// row-major window order; padded cells never win); average pooling spreads it evenly over the
/// window's cells inside the input (the forward divides by that count, as TensorFlow does).
/// Overlapping windows add up.
extension Kernels {
    /// dL/dinput of maxPool2d(input) for dL/doutput `gradOutput`.
    public static func maxPool2dBackward(input: Tensor, gradOutput: Tensor, pool: (Int, Int), strides: (Int, Int),
                                         padding: Padding) throws -> Tensor {
        try pool2dBackward(inputShape: input.shape, input: input, gradOutput: gradOutput, pool: pool,
                           strides: strides, padding: padding, op: "max_pool2d_backward")
    }

    /// dL/dinput of avgPool2d on an input of shape `inputShape` for dL/doutput `gradOutput`.
    public static func avgPool2dBackward(inputShape: Shape, gradOutput: Tensor, pool: (Int, Int), strides: (Int, Int),
                                         padding: Padding) throws -> Tensor {
        try pool2dBackward(inputShape: inputShape, input: nil, gradOutput: gradOutput, pool: pool,
                           strides: strides, padding: padding, op: "average_pool2d_backward")
    }

    private static func pool2dBackward(inputShape: Shape, input: Tensor?, gradOutput: Tensor, pool: (Int, Int),
                                       strides: (Int, Int), padding: Padding, op: String) throws -> Tensor {
        guard inputShape.rank == 4 else {
            throw TensorError("\(op): input must have shape (batch, height, width, channels), got \(inputShape)")
        }
        if let input { _ = try Checks.nhwc(input, op: op) }
        let n = inputShape[0], h = inputShape[1], w = inputShape[2], c = inputShape[3]
        let g = try WindowGeometry(inHeight: h, inWidth: w, kernel: pool, strides: strides, padding: padding, op: op)
        try Checks.gradient(gradOutput, expected: [n, g.outHeight, g.outWidth, c], op: op)
        guard h * w * c < Int(Int32.max) else {
            throw TensorError("\(op): an image of shape \(Shape([h, w, c])) is too large (more than 2^31 values)")
        }
        if let input, isPool2x2(pool: pool, strides: strides, padding: padding),
           let dInput = try maxPool2x2Backward(input: input, gradOutput: gradOutput, n: n, h: h, w: w, c: c) {
            return dInput
        }
        let dInput = try Tensor(zeros: inputShape, what: "the input gradient of \(op)")
        let dyP = gradOutput.floatPointer, dxP = dInput.floatPointer
        let inP = input?.floatPointer
        Parallel.forRanges(n, work: gradOutput.count * pool.0 * pool.1 * 4) { images in
            let best = UnsafeMutablePointer<Float>.allocate(capacity: max(c, 1))
            let at = UnsafeMutablePointer<Int32>.allocate(capacity: max(c, 1))
            defer { best.deallocate(); at.deallocate() }
            for s in images {
                let dx = dxP + s * h * w * c
                var dy = UnsafePointer(dyP + s * g.outHeight * g.outWidth * c)
                for oy in 0..<g.outHeight {
                    let y0 = oy * g.strideHeight - g.padTop
                    let yLo = max(0, y0), yHi = min(h, y0 + g.kernelHeight)
                    for ox in 0..<g.outWidth {
                        let x0 = ox * g.strideWidth - g.padLeft
                        let xLo = max(0, x0), xHi = min(w, x0 + g.kernelWidth)
                        if let inP {
                            let image = inP + s * h * w * c
                            // First maximum in window order, as the forward's running max.
                            best.update(repeating: -Float.infinity, count: c)
                            at.update(repeating: Int32(truncatingIfNeeded: (yLo * w + xLo) * c), count: c)
                            for y in yLo..<yHi {
                                for x in xLo..<xHi {
                                    let offset = (y * w + x) * c
                                    let cell = image + offset
                                    // Branch-free (`if v > best` mispredicts on random data),
                                    // in 32-bit integers so that the loop vectorises.
                                    let offset32 = Int32(truncatingIfNeeded: offset)
                                    for ch in 0..<c {
                                        let v = cell[ch]
                                        let take: Int32 = v > best[ch] ? -1 : 0
                                        at[ch] = at[ch] &+ ((offset32 &- at[ch]) & take)
                                        best[ch] = max(best[ch], v)
                                    }
                                }
                            }
                            for ch in 0..<c { dx[Int(at[ch]) + ch] += dy[ch] }
                        } else {
                            let scale = 1 / Float((yHi - yLo) * (xHi - xLo))
                            for y in yLo..<yHi {
                                for x in xLo..<xHi {
                                    let cell = dx + (y * w + x) * c
                                    for ch in 0..<c { cell[ch] += dy[ch] * scale }
                                }
                            }
                        }
                        dy += c
                    }
                }
            }
        }
        return dInput
    }

    /// dL/dinput of globalAvgPool2d on an input of shape `inputShape` [N, H, W, C] for
    /// dL/doutput `gradOutput` [N, C]: each cell gets its channel's gradient / (H * W).
    public static func globalAvgPool2dBackward(inputShape: Shape, gradOutput: Tensor) throws -> Tensor {
        let op = "global_average_pool2d_backward"
        let (n, h, w, c) = try globalShape(inputShape, op: op)
        try Checks.gradient(gradOutput, expected: [n, c], op: op)
        let dInput = try Tensor(zeros: inputShape, what: "the input gradient of \(op)")
        let dyP = gradOutput.floatPointer, dxP = dInput.floatPointer
        let cells = h * w, scale = 1 / Float(cells)
        for s in 0..<n {
            let dy = dyP + s * c
            for cell in 0..<cells {
                let dx = dxP + (s * cells + cell) * c
                for ch in 0..<c { dx[ch] = dy[ch] * scale }
            }
        }
        return dInput
    }

    /// dL/dinput of globalMaxPool2d(input) for dL/doutput `gradOutput` [N, C]: each channel's
    /// gradient goes to its first maximum cell, in row-major order.
    public static func globalMaxPool2dBackward(input: Tensor, gradOutput: Tensor) throws -> Tensor {
        let op = "global_max_pool2d_backward"
        _ = try Checks.nhwc(input, op: op)
        let (n, h, w, c) = try globalShape(input.shape, op: op)
        try Checks.gradient(gradOutput, expected: [n, c], op: op)
        let dInput = try Tensor(zeros: input.shape, what: "the input gradient of \(op)")
        let inP = input.floatPointer, dyP = gradOutput.floatPointer, dxP = dInput.floatPointer
        let cells = h * w
        var best = [Float](repeating: 0, count: c), at = [Int](repeating: 0, count: c)
        for s in 0..<n {
            let image = inP + s * cells * c
            for ch in 0..<c { best[ch] = -Float.infinity; at[ch] = 0 }
            for cell in 0..<cells {
                let p = image + cell * c
                for ch in 0..<c where p[ch] > best[ch] {
                    best[ch] = p[ch]
                    at[ch] = cell
                }
            }
            for ch in 0..<c { dxP[(s * cells + at[ch]) * c + ch] = dyP[s * c + ch] }
        }
        return dInput
    }

    private static func globalShape(_ shape: Shape, op: String) throws -> (Int, Int, Int, Int) {
        guard shape.rank == 4 else {
            throw TensorError("\(op): input must have shape (batch, height, width, channels), got \(shape)")
        }
        guard shape[1] > 0, shape[2] > 0 else { throw TensorError("\(op): input of shape \(shape) has no cells") }
        return (shape[0], shape[1], shape[2], shape[3])
    }
}
