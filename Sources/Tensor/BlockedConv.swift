import CKernels

/// Convolutions run in CKernels' register-blocked AVX2 kernels, which read the windows straight
/// from the input: the forward keeps six output cells by 16 filters in registers, the kernel
/// gradient six kernel rows by 16 filters, and the input gradient adds dY · Kᵀ into each window
/// without storing it. im2col + sgemm copies the input twice on the way (im2col's rows, then
/// sgemm's packing of them), so on the tutorial CNN's second convolution the blocked forward is
/// the faster one (the README gives the harness's figures), and a training step keeps no columns
/// between its passes. The kernels need every
/// window inside the input, so a padded layer ('same') works on zero-padded copies of its images,
/// a few at a time (`PaddedImages`). Only on CPUs with AVX2 and FMA, for filter counts that are a
/// multiple of 8 (and, for the input gradient, channel counts too); shallow windows take
/// ShallowConv, 1x1 windows with stride 1 a plain sgemm, and everything else im2col.
extension Kernels {
    static func usesBlockedConv(_ g: WindowGeometry, channels: Int, filters: Int) -> Bool {
        !isDirect(g) && filters % 8 == 0 && filters > 0 && channels > 0
            && !usesShallowConv(g, channels: channels, filters: filters) && vectorKernelsAvailable
    }

    /// Any filter count: the input gradient's blocks run over the channels.
    static func usesBlockedInputGradient(_ g: WindowGeometry, channels: Int, filters: Int) -> Bool {
        !isDirect(g) && channels % 8 == 0 && channels > 0 && filters > 0 && vectorKernelsAvailable
    }

    /// Whether conv2dBackward takes the blocked path: its forward did (no columns were kept), and
    /// the input gradient, when wanted, can be blocked too.
    static func usesBlockedBackward(_ g: WindowGeometry, channels c: Int, filters f: Int, needInputGradient: Bool) -> Bool {
        usesBlockedConv(g, channels: c, filters: f)
            && (!needInputGradient || usesBlockedInputGradient(g, channels: c, filters: f))
    }

    /// conv2d through the blocked kernel, the batch split over the cores.
    static func blockedConv2d(input: Tensor, kernel: Tensor, bias: Tensor?, relu: Bool, geometry g: WindowGeometry,
                              channels c: Int, filters f: Int) throws -> Tensor {
        let n = input.shape[0]
        let out = try Tensor(uninitialized: [n, g.outHeight, g.outWidth, f],
                             what: "conv2d output of shape \(Shape([n, g.outHeight, g.outWidth, f]))")
        let padded = PaddedImages(g, channels: c)
        var shape = padded.shape(filters: f)
        let count = kernel.count
        let packed = BufferCache.floats(count)
        defer { BufferCache.releaseFloats(packed, count: count) }
        let inP = input.floatPointer, outP = out.floatPointer
        let bP = bias.map { UnsafePointer($0.floatPointer) }
        let perImageOut = g.outHeight * g.outWidth * f
        withUnsafePointer(to: &shape) { s in
            fovea_blocked_conv_pack(s, kernel.floatPointer, packed)
            Parallel.forRanges(n, work: n * perImageOut * g.kernelHeight * g.kernelWidth * c) { images in
                padded.forEachChunk(of: inP, images: images) { x, chunk in
                    fovea_blocked_conv_forward(s, chunk.count, x, packed, bP, relu ? 1 : 0,
                                               outP + chunk.lowerBound * perImageOut)
                }
            }
        }
        return out
    }

    /// dL/dkernel and dL/dbias from dY (relu's mask already applied), the batch split over the cores.
    static func blockedConv2dParameterGradients(input: Tensor, kernel: Tensor, gradOutput: Tensor,
                                                geometry g: WindowGeometry, channels c: Int,
                                                filters f: Int) throws -> (kernel: Tensor, bias: Tensor) {
        let padded = PaddedImages(g, channels: c)
        var shape = padded.shape(filters: f)
        let perImageOut = g.outHeight * g.outWidth * f
        let inP = input.floatPointer, dyP = gradOutput.floatPointer
        let work = input.shape[0] * perImageOut * g.kernelHeight * g.kernelWidth * c
        return try withUnsafePointer(to: &shape) { s in
            try summedOverParts(kernel: kernel, filters: f, images: input.shape[0], work: work) { images, dK, dB in
                sumRows(dyP + images.lowerBound * perImageOut, rows: images.count * g.outHeight * g.outWidth, width: f,
                        into: dB)
                padded.forEachChunk(of: inP, images: images) { x, chunk in
                    fovea_blocked_conv_kernel_grad(s, chunk.count, x, dyP + chunk.lowerBound * perImageOut, dK)
                }
            }
        }
    }

    /// dL/dX [N, H, W, C] given dL/dY [N, outH, outW, F] (relu's mask already applied): dY · Kᵀ
    /// added into each output cell's window (the work of sgemm and col2im, without storing dCols).
    static func blockedConv2dInputGradient(gradOutput: Tensor, kernel: Tensor, geometry g: WindowGeometry,
                                           channels c: Int, filters f: Int) throws -> Tensor {
        let n = gradOutput.shape[0]
        let padded = PaddedImages(g, channels: c)
        let dInput = padded.isNeeded
            ? try Tensor(uninitialized: [n, g.inHeight, g.inWidth, c], what: "the input gradient of conv2d")
            : try Tensor(zeros: [n, g.inHeight, g.inWidth, c], what: "the input gradient of conv2d")
        var shape = padded.shape(filters: f)
        let count = kernel.count
        let packed = BufferCache.floats(count)
        defer { BufferCache.releaseFloats(packed, count: count) }
        let dyP = gradOutput.floatPointer, dxP = dInput.floatPointer
        let perImageOut = g.outHeight * g.outWidth * f, perImageIn = g.inHeight * g.inWidth * c
        withUnsafePointer(to: &shape) { s in
            fovea_blocked_conv_pack_transposed(s, kernel.floatPointer, packed)
            Parallel.forRanges(n, work: n * perImageOut * g.kernelHeight * g.kernelWidth * c) { images in
                guard padded.isNeeded else {
                    fovea_blocked_conv_input_grad(s, images.count, dyP + images.lowerBound * perImageOut, packed,
                                                  dxP + images.lowerBound * perImageIn)
                    return
                }
                padded.forEachChunk(images: images) { buffer, chunk in
                    buffer.update(repeating: 0, count: chunk.count * padded.perImage)
                    fovea_blocked_conv_input_grad(s, chunk.count, dyP + chunk.lowerBound * perImageOut, packed, buffer)
                    padded.crop(buffer, images: chunk.count, into: dxP + chunk.lowerBound * perImageIn)
                }
            }
        }
        return dInput
    }
}

/// A convolution's images seen through its zero padding, for the blocked kernels, which need
/// every window inside: a few images at a time (about 256 KB, to stay in cache) are copied into
/// a zeroed buffer with the padding's rows and columns around them. Without padding the images
/// are used where they are.
struct PaddedImages {
    let g: WindowGeometry
    let channels: Int
    let height: Int, width: Int

    init(_ g: WindowGeometry, channels: Int) {
        self.g = g
        self.channels = channels
        height = g.inHeight + g.padTop + g.padBottom
        width = g.inWidth + g.padLeft + g.padRight
    }

    var isNeeded: Bool { height != g.inHeight || width != g.inWidth }
    var perImage: Int { height * width * channels }

    /// The convolution over the padded images, with no padding of its own.
    func shape(filters f: Int) -> fovea_conv_shape {
        fovea_conv_shape(h: height, w: width, c: channels, kh: g.kernelHeight, kw: g.kernelWidth, f: f,
                         sh: g.strideHeight, sw: g.strideWidth, padTop: 0, padLeft: 0,
                         outH: g.outHeight, outW: g.outWidth)
    }

    /// Calls body with the padded images of each chunk of `images` (read from `input`, the whole
    /// batch), or with the images themselves when there is no padding.
    func forEachChunk(of input: UnsafePointer<Float>, images: Range<Int>,
                      _ body: (UnsafePointer<Float>, Range<Int>) -> Void) {
        let perImageIn = g.inHeight * g.inWidth * channels
        guard isNeeded else { body(input + images.lowerBound * perImageIn, images); return }
        forEachChunk(images: images) { buffer, chunk in
            let row = g.inWidth * channels
            for i in 0..<chunk.count {
                let src = input + (chunk.lowerBound + i) * perImageIn, dst = buffer + i * perImage
                for y in 0..<g.inHeight {
                    (dst + ((y + g.padTop) * width + g.padLeft) * channels).update(from: src + y * row, count: row)
                }
            }
            body(buffer, chunk)
        }
    }

    /// Calls body with a padded buffer (zeroed at first; its padding stays zero unless body
    /// writes there) for each chunk of `images`.
    func forEachChunk(images: Range<Int>, _ body: (UnsafeMutablePointer<Float>, Range<Int>) -> Void) {
        let per = max(1, min(images.count, (256 << 10) / 4 / max(perImage, 1)))
        let buffer = BufferCache.floats(per * perImage)
        defer { BufferCache.releaseFloats(buffer, count: per * perImage) }
        buffer.update(repeating: 0, count: per * perImage)
        var first = images.lowerBound
        while first < images.upperBound {
            let m = min(per, images.upperBound - first)
            body(buffer, first..<(first + m))
            first += m
        }
    }

    /// The inside of `images` padded images back into unpadded ones at `output`.
    func crop(_ buffer: UnsafePointer<Float>, images: Int, into output: UnsafeMutablePointer<Float>) {
        let row = g.inWidth * channels
        for i in 0..<images {
            let src = buffer + i * perImage, dst = output + i * g.inHeight * row
            for y in 0..<g.inHeight {
                (dst + y * row).update(from: src + ((y + g.padTop) * width + g.padLeft) * channels, count: row)
            }
        }
    }
}
