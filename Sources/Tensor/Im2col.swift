import Glibc

/// im2col turns every window of an NHWC image into a row, so that a convolution becomes one matrix
/// product: cols [outH * outW, kh * kw * C] (columns ordered ki, kj, c, matching a Keras kernel
/// [kh, kw, C, F] read as a [kh * kw * C, F] matrix). Padded cells are zeros.
/// col2im is its adjoint (it sums each row back into the cells it came from), which is what the
/// backward pass needs for the input gradient: <im2col(x), y> == <x, col2im(y)>.
public enum Im2col {
    /// One image [H, W, C] at `input` into `cols` (outH * outW rows of kh * kw * C floats).
    public static func im2col(input: UnsafePointer<Float>, channels c: Int, geometry g: WindowGeometry,
                              cols: UnsafeMutablePointer<Float>) {
        let kh = g.kernelHeight, kw = g.kernelWidth
        let rowLength = kh * kw * c
        let span = kw * c
        var row = cols
        for oy in 0..<g.outHeight {
            let y0 = oy * g.strideHeight - g.padTop
            for ox in 0..<g.outWidth {
                let x0 = ox * g.strideWidth - g.padLeft
                // The kernel's columns that fall inside the image: [jLo, jHi).
                let jLo = max(0, -x0), jHi = min(kw, g.inWidth - x0)
                for ki in 0..<kh {
                    let dst = row + ki * span
                    let y = y0 + ki
                    if y < 0 || y >= g.inHeight || jLo >= jHi {
                        dst.update(repeating: 0, count: span)
                        continue
                    }
                    if jLo > 0 { dst.update(repeating: 0, count: jLo * c) }
                    // Consecutive x at one y are contiguous in NHWC: one copy for the whole span.
                    let src = input + (y * g.inWidth + x0 + jLo) * c
                    (dst + jLo * c).update(from: src, count: (jHi - jLo) * c)
                    if jHi < kw { (dst + jHi * c).update(repeating: 0, count: (kw - jHi) * c) }
                }
                row += rowLength
            }
        }
    }

    /// The adjoint of im2col for one image: ADDS each row of `cols` into `output` [H, W, C]
    /// (the caller zeroes `output` first, or accumulates on purpose). Padded cells are dropped.
    public static func col2im(cols: UnsafePointer<Float>, channels c: Int, geometry g: WindowGeometry,
                              output: UnsafeMutablePointer<Float>) {
        let kh = g.kernelHeight, kw = g.kernelWidth
        let rowLength = kh * kw * c
        let span = kw * c
        var row = cols
        for oy in 0..<g.outHeight {
            let y0 = oy * g.strideHeight - g.padTop
            for ox in 0..<g.outWidth {
                let x0 = ox * g.strideWidth - g.padLeft
                let jLo = max(0, -x0), jHi = min(kw, g.inWidth - x0)
                if jLo < jHi {
                    for ki in 0..<kh {
                        let y = y0 + ki
                        if y < 0 || y >= g.inHeight { continue }
                        let src = row + ki * span + jLo * c
                        let dst = output + (y * g.inWidth + x0 + jLo) * c
                        for i in 0..<((jHi - jLo) * c) { dst[i] += src[i] }
                    }
                }
                row += rowLength
            }
        }
    }

    /// A batch [N, H, W, C] into cols [N * outH * outW, kh * kw * C].
    public static func im2col(_ input: Tensor, kernel: (Int, Int), strides: (Int, Int),
                              padding: Padding) throws -> Tensor {
        let (n, h, w, c) = try Checks.nhwc(input, op: "im2col")
        let g = try WindowGeometry(inHeight: h, inWidth: w, kernel: kernel, strides: strides,
                                   padding: padding, op: "im2col")
        let rows = g.outHeight * g.outWidth
        let rowLength = kernel.0 * kernel.1 * c
        let out = try Tensor(zeros: [n * rows, rowLength], what: "im2col of an input of shape \(input.shape)")
        let src = input.floatPointer, dst = out.floatPointer
        for s in 0..<n {
            im2col(input: src + s * h * w * c, channels: c, geometry: g, cols: dst + s * rows * rowLength)
        }
        return out
    }

    /// cols [N * outH * outW, kh * kw * C] back into a new [N, H, W, C] (`inputShape`), summing
    /// overlapping windows.
    public static func col2im(_ cols: Tensor, inputShape: Shape, kernel: (Int, Int), strides: (Int, Int),
                              padding: Padding) throws -> Tensor {
        guard inputShape.rank == 4 else {
            throw TensorError("col2im: input shape must be (batch, height, width, channels), got \(inputShape)")
        }
        let n = inputShape[0], h = inputShape[1], w = inputShape[2], c = inputShape[3]
        let g = try WindowGeometry(inHeight: h, inWidth: w, kernel: kernel, strides: strides,
                                   padding: padding, op: "col2im")
        let rows = g.outHeight * g.outWidth
        let rowLength = kernel.0 * kernel.1 * c
        guard cols.dtype == .float32, cols.shape == [n * rows, rowLength] else {
            throw TensorError("col2im: expected float32 columns of shape \(Shape([n * rows, rowLength])) "
                + "for input shape \(inputShape), got \(cols.dtype.rawValue) \(cols.shape)")
        }
        let out = try Tensor(zeros: inputShape, what: "col2im output of shape \(inputShape)")
        let src = cols.floatPointer, dst = out.floatPointer
        for s in 0..<n {
            col2im(cols: src + s * rows * rowLength, channels: c, geometry: g, output: dst + s * h * w * c)
        }
        return out
    }
}

/// Argument checks shared by the kernels; every failure is a TensorError naming the shapes.
enum Checks {
    static func float(_ t: Tensor, _ what: String, op: String) throws {
        guard t.dtype == .float32 else {
            throw TensorError("\(op): \(what) must be float32, got \(t.dtype.rawValue) of shape \(t.shape)")
        }
    }

    static func nhwc(_ t: Tensor, op: String) throws -> (Int, Int, Int, Int) {
        try float(t, "input", op: op)
        guard t.shape.rank == 4 else {
            throw TensorError("\(op): input must have shape (batch, height, width, channels), got \(t.shape)")
        }
        return (t.shape[0], t.shape[1], t.shape[2], t.shape[3])
    }

    static func vector(_ t: Tensor?, length: Int, _ what: String, op: String) throws {
        guard let t else { return }
        try float(t, what, op: op)
        guard t.shape == [length] else {
            throw TensorError("\(op): \(what) must have shape \(Shape([length])), got \(t.shape)")
        }
    }
}
