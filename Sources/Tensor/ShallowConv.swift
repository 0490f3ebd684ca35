import CKernels

/// Convolutions with a shallow window (kernel_h * kernel_w * channels at most 32, as in a first
/// layer on grey or RGB images) run in CKernels' AVX2 code instead of im2col + sgemm: with an
/// inner dimension of 9, sgemm spends its time packing, and the first layer of the tutorial's CNN
/// took a fifth of an epoch for 2% of its arithmetic. Only on CPUs with AVX2 and FMA, and for
/// filter counts that are a multiple of 8; deeper windows take BlockedConv or im2col.
extension Kernels {
    /// Whether this CPU runs CKernels' AVX2 code (shallow convolutions, 2x2 max pooling, Adam).
    public static var vectorKernelsAvailable: Bool { fovea_cpu_has_avx2_fma() != 0 }

    static let shallowDepthLimit = 32

    static func usesShallowConv(_ g: WindowGeometry, channels: Int, filters: Int) -> Bool {
        !isDirect(g) && filters % 8 == 0 && filters > 0
            && g.kernelHeight * g.kernelWidth * channels <= shallowDepthLimit && vectorKernelsAvailable
    }

    static func convShape(_ g: WindowGeometry, channels c: Int, filters f: Int) -> fovea_conv_shape {
        fovea_conv_shape(h: g.inHeight, w: g.inWidth, c: c, kh: g.kernelHeight, kw: g.kernelWidth, f: f,
                         sh: g.strideHeight, sw: g.strideWidth, padTop: g.padTop, padLeft: g.padLeft,
                         outH: g.outHeight, outW: g.outWidth)
    }

    /// conv2d through the shallow kernel, the batch split over the cores.
    static func shallowConv2d(input: Tensor, kernel: Tensor, bias: Tensor?, relu: Bool, geometry g: WindowGeometry,
                              channels c: Int, filters f: Int) throws -> Tensor {
        let n = input.shape[0]
        let out = try Tensor(uninitialized: [n, g.outHeight, g.outWidth, f],
                             what: "conv2d output of shape \(Shape([n, g.outHeight, g.outWidth, f]))")
        var shape = convShape(g, channels: c, filters: f)
        let inP = input.floatPointer, kP = kernel.floatPointer, outP = out.floatPointer
        let bP = bias.map { UnsafePointer($0.floatPointer) }
        let perImageIn = g.inHeight * g.inWidth * c, perImageOut = g.outHeight * g.outWidth * f
        let work = n * g.outHeight * g.outWidth * g.kernelHeight * g.kernelWidth * c * f
        withUnsafePointer(to: &shape) { s in
            Parallel.forRanges(n, work: work) { images in
                fovea_shallow_conv_forward(s, images.count, inP + images.lowerBound * perImageIn, kP, bP,
                                           relu ? 1 : 0, outP + images.lowerBound * perImageOut)
            }
        }
        return out
    }

    /// dL/dkernel and dL/dbias of a shallow convolution (no input gradient: it is a first layer).
    /// With `reluOutput`, gradOutput is dL/dy of y = relu(conv) = reluOutput.
    static func shallowConv2dParameterGradients(input: Tensor, kernel: Tensor, gradOutput: Tensor, reluOutput: Tensor?,
                                                geometry g: WindowGeometry, channels c: Int,
                                                filters f: Int) throws -> (kernel: Tensor, bias: Tensor) {
        var shape = convShape(g, channels: c, filters: f)
        let rows = g.outHeight * g.outWidth
        let inP = input.floatPointer, dyP = gradOutput.floatPointer, yP = reluOutput?.floatPointer
        let perImageIn = g.inHeight * g.inWidth * c
        let n = input.shape[0]
        return try withUnsafePointer(to: &shape) { s in
            try summedOverParts(kernel: kernel, filters: f, images: n,
                                work: n * rows * g.kernelHeight * g.kernelWidth * c * f) { images, dK, dB in
                let offset = images.lowerBound * rows * f
                fovea_shallow_conv_kernel_grad(s, images.count, inP + images.lowerBound * perImageIn, dyP + offset,
                                               yP.map { UnsafePointer($0 + offset) }, dK, dB)
            }
        }
    }
}

extension Kernels {
    /// Inference: `maxPool2d(relu(conv2d(...)), pool: (2, 2), strides: (2, 2), padding: .valid)` in
    /// one pass that never stores the convolution's output (four times the pooled size), for a
    /// shallow window with 'valid' padding. nil when that kernel does not apply: run the two then.
    public static func conv2dReluMaxPool2x2(input: Tensor, kernel: Tensor, bias: Tensor?, strides: (Int, Int),
                                            padding: Padding) throws -> Tensor? {
        let (n, _, _, c) = try Checks.nhwc(input, op: "conv2d")
        let (g, f) = try conv2dGeometry(input: input, kernel: kernel, bias: bias, strides: strides, padding: padding)
        guard padding == .valid, usesShallowConv(g, channels: c, filters: f) else { return nil }
        let ph = g.outHeight / 2, pw = g.outWidth / 2
        let out = try Tensor(uninitialized: [n, ph, pw, f], what: "max_pool2d output of shape \(Shape([n, ph, pw, f]))")
        var shape = convShape(g, channels: c, filters: f)
        let inP = input.floatPointer, kP = kernel.floatPointer, outP = out.floatPointer
        let bP = bias.map { UnsafePointer($0.floatPointer) }
        let perImageIn = g.inHeight * g.inWidth * c, perImageOut = ph * pw * f
        let work = n * ph * pw * 4 * g.kernelHeight * g.kernelWidth * c * f
        withUnsafePointer(to: &shape) { s in
            Parallel.forRanges(n, work: work) { images in
                fovea_shallow_conv_relu_pool_forward(s, images.count, inP + images.lowerBound * perImageIn, kP, bP,
                                                     outP + images.lowerBound * perImageOut)
            }
        }
        return out
    }
}
