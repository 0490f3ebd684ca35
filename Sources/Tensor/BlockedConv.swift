import CKernels

/// Convolutions whose windows all lie inside the input ('valid', or 'same' where it pads
/// nothing) run in CKernels' register-blocked AVX2 kernel, which reads the windows straight from
/// the input: six output cells by 16 filters accumulate in registers. im2col + sgemm copies the
/// input twice on the way (im2col's rows, then sgemm's packing of them); on the tutorial CNN's
/// second convolution the blocked kernel ran at 97 GFLOP/s against 62 for im2col + sgemm (C
/// harness, one core, 64 images of 13x13x32 into 64 filters). Only on CPUs with AVX2 and FMA,
/// for filter counts that are a multiple of 8; shallow windows take ShallowConv, 1x1 windows
/// with stride 1 a plain sgemm, and everything else im2col.
extension Kernels {
    static func usesBlockedConv(_ g: WindowGeometry, channels: Int, filters: Int) -> Bool {
        !isDirect(g) && filters % 8 == 0 && filters > 0 && channels > 0 && allWindowsInside(g)
            && !usesShallowConv(g, channels: channels, filters: filters) && vectorKernelsAvailable
    }

    static func allWindowsInside(_ g: WindowGeometry) -> Bool {
        g.padTop == 0 && g.padLeft == 0 && (g.outHeight - 1) * g.strideHeight + g.kernelHeight <= g.inHeight
            && (g.outWidth - 1) * g.strideWidth + g.kernelWidth <= g.inWidth
    }

    /// conv2d through the blocked kernel, the batch split over the cores.
    static func blockedConv2d(input: Tensor, kernel: Tensor, bias: Tensor?, relu: Bool, geometry g: WindowGeometry,
                              channels c: Int, filters f: Int) throws -> Tensor {
        let n = input.shape[0]
        let out = try Tensor(uninitialized: [n, g.outHeight, g.outWidth, f],
                             what: "conv2d output of shape \(Shape([n, g.outHeight, g.outWidth, f]))")
        var shape = convShape(g, channels: c, filters: f)
        let packedCount = kernel.count
        let packed = BufferCache.floats(packedCount)
        defer { BufferCache.releaseFloats(packed, count: packedCount) }
        let inP = input.floatPointer, outP = out.floatPointer
        let bP = bias.map { UnsafePointer($0.floatPointer) }
        let perImageIn = g.inHeight * g.inWidth * c, perImageOut = g.outHeight * g.outWidth * f
        let work = n * g.outHeight * g.outWidth * g.kernelHeight * g.kernelWidth * c * f
        withUnsafePointer(to: &shape) { s in
            fovea_blocked_conv_pack(s, kernel.floatPointer, packed)
            Parallel.forRanges(n, work: work) { images in
                fovea_blocked_conv_forward(s, images.count, inP + images.lowerBound * perImageIn, packed, bP,
                                           relu ? 1 : 0, outP + images.lowerBound * perImageOut)
            }
        }
        return out
    }
}

/// The input gradient through the blocked kernels. When every window lies inside the input,
/// dCols = dY · Kᵀ is computed six cells by 16 kernel rows at a time in registers and added
/// straight into each cell's window: the work of dY · Kᵀ and col2im without storing dCols or
/// adding one float at a time. A stride-1 convolution whose padding pads ('same') instead takes
/// dX as a 'valid' convolution of dY, padded by kh - 1 - padTop rows above (and so on), with the
/// kernel turned half a turn and its channel and filter axes swapped (the forward kernel).
extension Kernels {
    static func usesBlockedInputGradient(_ g: WindowGeometry, channels: Int, filters: Int) -> Bool {
        !isDirect(g) && channels % 8 == 0 && channels > 0 && filters > 0 && vectorKernelsAvailable
            && (allWindowsInside(g) || (g.strideHeight == 1 && g.strideWidth == 1))
    }

    /// dL/dX [N, H, W, C] given dL/dY [N, outH, outW, F] (relu's mask already applied).
    static func blockedConv2dInputGradient(gradOutput: Tensor, kernel: Tensor, geometry g: WindowGeometry,
                                           channels c: Int, filters f: Int) throws -> Tensor {
        guard allWindowsInside(g) else {
            return try paddedConv2dInputGradient(gradOutput: gradOutput, kernel: kernel, geometry: g, channels: c,
                                                 filters: f)
        }
        let n = gradOutput.shape[0]
        let dInput = try Tensor(zeros: [n, g.inHeight, g.inWidth, c], what: "the input gradient of conv2d")
        var shape = convShape(g, channels: c, filters: f)
        let count = kernel.count
        let packed = BufferCache.floats(count)
        defer { BufferCache.releaseFloats(packed, count: count) }
        let dyP = gradOutput.floatPointer, dxP = dInput.floatPointer
        let perImageOut = g.outHeight * g.outWidth * f, perImageIn = g.inHeight * g.inWidth * c
        withUnsafePointer(to: &shape) { s in
            fovea_blocked_conv_pack_transposed(s, kernel.floatPointer, packed)
            Parallel.forRanges(n, work: n * perImageOut * g.kernelHeight * g.kernelWidth * c) { images in
                fovea_blocked_conv_input_grad(s, images.count, dyP + images.lowerBound * perImageOut, packed,
                                              dxP + images.lowerBound * perImageIn)
            }
        }
        return dInput
    }

    /// The stride-1 input gradient as a 'valid' convolution of the padded dY.
    private static func paddedConv2dInputGradient(gradOutput: Tensor, kernel: Tensor, geometry g: WindowGeometry,
                                                  channels c: Int, filters f: Int) throws -> Tensor {
        let n = gradOutput.shape[0]
        let kh = g.kernelHeight, kw = g.kernelWidth
        let dInput = try Tensor(uninitialized: [n, g.inHeight, g.inWidth, c], what: "the input gradient of conv2d")
        // dY padded so that every input cell's window over it lies inside.
        let top = kh - 1 - g.padTop, left = kw - 1 - g.padLeft
        let ph = g.inHeight + kh - 1, pw = g.inWidth + kw - 1
        var shape = fovea_conv_shape(h: ph, w: pw, c: f, kh: kh, kw: kw, f: c, sh: 1, sw: 1, padTop: 0, padLeft: 0,
                                     outH: g.inHeight, outW: g.inWidth)
        // turned[ky, kx, f, c] = kernel[kh - 1 - ky, kw - 1 - kx, c, f], then packed.
        let count = kernel.count
        let turned = BufferCache.floats(count), packed = BufferCache.floats(count)
        defer {
            BufferCache.releaseFloats(turned, count: count)
            BufferCache.releaseFloats(packed, count: count)
        }
        let kP = kernel.floatPointer
        for ky in 0..<kh {
            for kx in 0..<kw {
                let src = kP + ((kh - 1 - ky) * kw + (kw - 1 - kx)) * c * f, dst = turned + (ky * kw + kx) * f * c
                for ch in 0..<c { for fi in 0..<f { dst[fi * c + ch] = src[ch * f + fi] } }
            }
        }
        let dyP = gradOutput.floatPointer, dxP = dInput.floatPointer
        let perImageOut = g.outHeight * g.outWidth * f, perImagePadded = ph * pw * f
        let perImageIn = g.inHeight * g.inWidth * c
        // Images padded at a time per thread: a few hundred KB, to stay in cache.
        let chunk = max(1, (256 << 10) / 4 / perImagePadded)
        withUnsafePointer(to: &shape) { s in
            fovea_blocked_conv_pack(s, turned, packed)
            Parallel.forRanges(n, work: n * perImageIn * kh * kw * f) { images in
                let per = min(chunk, images.count)
                let padded = BufferCache.floats(per * perImagePadded)
                defer { BufferCache.releaseFloats(padded, count: per * perImagePadded) }
                padded.update(repeating: 0, count: per * perImagePadded)
                var first = images.lowerBound
                while first < images.upperBound {
                    let m = min(per, images.upperBound - first)
                    for i in 0..<m {
                        for oy in 0..<g.outHeight {
                            (padded + i * perImagePadded + ((oy + top) * pw + left) * f)
                                .update(from: dyP + (first + i) * perImageOut + oy * g.outWidth * f,
                                        count: g.outWidth * f)
                        }
                    }
                    fovea_blocked_conv_forward(s, m, padded, packed, nil, 0, dxP + first * perImageIn)
                    first += m
                }
            }
        }
        return dInput
    }
}

/// The kernel gradient through the blocked kernel: dK = Σ windows · dY without im2col (six kernel
/// rows by 16 filters in registers, a sweep over the output cells). With the blocked forward and
/// input gradient, a training step of a convolution whose windows lie inside the input copies
/// nothing and keeps no columns between its forward and backward passes.
extension Kernels {
    /// Whether conv2dBackward takes the blocked path: its forward did (no columns were kept), and
    /// the input gradient, when wanted, can be blocked too.
    static func usesBlockedBackward(_ g: WindowGeometry, channels c: Int, filters f: Int, needInputGradient: Bool) -> Bool {
        usesBlockedConv(g, channels: c, filters: f)
            && (!needInputGradient || usesBlockedInputGradient(g, channels: c, filters: f))
    }

    /// dL/dkernel and dL/dbias from dY (relu's mask already applied), the batch split over the cores.
    static func blockedConv2dParameterGradients(input: Tensor, kernel: Tensor, gradOutput: Tensor,
                                                geometry g: WindowGeometry, channels c: Int,
                                                filters f: Int) throws -> (kernel: Tensor, bias: Tensor) {
        let n = input.shape[0]
        let dKernel = try Tensor(zeros: kernel.shape, what: "the kernel gradient of conv2d")
        let dBias = try Tensor(zeros: [f], what: "the bias gradient of conv2d")
        var shape = convShape(g, channels: c, filters: f)
        let rows = g.outHeight * g.outWidth
        let inP = input.floatPointer, dyP = gradOutput.floatPointer
        let perImageIn = g.inHeight * g.inWidth * c
        let parts = Parallel.partition(n, work: n * rows * g.kernelHeight * g.kernelWidth * c * f)
        let partials = PartialSums(parts: parts.count, sizes: [kernel.count, f], firsts: [dKernel, dBias])
        defer { partials.deallocate() }
        withUnsafePointer(to: &shape) { s in
            Parallel.forEach(parts.count) { p in
                let images = parts[p]
                if images.isEmpty { return }
                let dy = dyP + images.lowerBound * rows * f
                sumRows(dy, rows: images.count * rows, width: f, into: partials.pointer(1, part: p))
                fovea_blocked_conv_kernel_grad(s, images.count, inP + images.lowerBound * perImageIn, dy,
                                               partials.pointer(0, part: p))
            }
        }
        partials.sumIntoFirsts()
        return (dKernel, dBias)
    }
}
