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
