import COneDNN

/// Which convolutions take oneDNN (COneDNN, loaded on first use; see OneDNN.swift): decided by a
/// table from the CPU's features and the layer's shape, never by timing at run time, so that a
/// seed gives the same numbers on the same CPU. The table comes from `make bench-conv`
/// (bench/conv_onednn.c: the seed CNN's convolutions, NHWC at the layer boundary, oneDNN in the
/// blocked layout it picks with the reorders from and to NHWC counted, CKernels built as SwiftPM
/// builds it). GFLOP/s on one thread, AMD EPYC (Zen 4, avx512f), oneDNN 2.6.3, 2026-12-06,
/// CKernels → oneDNN at batch 32 / 128:
///
///   convolution           forward + relu          backward-data           backward-weights
///   28x28x1 -> 32         58 → 60 / 56 → 41       (not needed)            57 → 64 / 56 → 40
///   13x13x32 -> 64        115 → 112 / 108 → 103   110 → 108 / 104 → 95    101 → 96 / 94 → 84
///   5x5x64 -> 64          113 → 106 / 93 → 104    105 → 102 / 107 → 101   99 → 72 / 102 → 61
///
/// On two threads, batch 128: 114 → 89 and 114 → 115 (first), 228 → 207, 220 → 201, 197 → 149
/// (second), 221 → 192, 184 → 182, 154 → 51 (third). Zen 4 runs AVX-512 at the width of AVX2, so
/// oneDNN's AVX-512 code is no faster than CKernels' AVX2 kernels here, and the reorders that an
/// NHWC boundary costs eat what it gains (without them it reaches 85 and 99 on the first
/// convolution: keeping activations in oneDNN's layout between layers, the next step, is where
/// it could win). Restricted to AVX2 (DNNL_MAX_CPU_ISA=AVX2, as on a Zen 3) oneDNN was slower
/// everywhere (one thread, batch 128: first 56 → 42 and 58 → 7.4; second 112 → 91, 99 → 85,
/// 96 → 77; third 113 → 88, 108 → 81, 102 → 57). So on every CPU measured so far the table gives oneDNN
/// nothing; FOVEA_ONEDNN=1 gives it every convolution but 1x1 stride-1 windows (forward and
/// backward), to measure it on other CPUs (a full-width AVX-512 one: Zen 5, Intel server cores)
/// before a row for them is added here. CPUs without AVX2 and FMA always keep Fovea's paths.
extension Kernels {
    struct OneDNNChoice {
        var forward = false, backward = false
    }

    /// The table above (without loading the library: a chosen call loads it, and falls back to
    /// CKernels' path when it cannot).
    static func oneDNNChoice(_ g: WindowGeometry, channels c: Int, filters f: Int) -> OneDNNChoice {
        guard OneDNN.enabled, !isDirect(g), c > 0, f > 0, vectorKernelsAvailable else { return OneDNNChoice() }
        return OneDNNChoice(forward: true, backward: true)
    }

    static func dnnlShape(_ g: WindowGeometry, images n: Int, channels c: Int, filters f: Int) -> fovea_dnnl_shape {
        fovea_dnnl_shape(n: n, h: g.inHeight, w: g.inWidth, c: c, kh: g.kernelHeight, kw: g.kernelWidth, f: f,
                         sh: g.strideHeight, sw: g.strideWidth, padTop: g.padTop, padLeft: g.padLeft,
                         padBottom: g.padBottom, padRight: g.padRight, outH: g.outHeight, outW: g.outWidth)
    }

    /// Runs body(slot, images) for the batch split into parts as Parallel.forRanges would, and
    /// throws if any part's oneDNN call failed.
    static func forEachOneDNNPart(_ n: Int, work: Int, op: String,
                                  _ body: (Int, Range<Int>) -> Int32) throws {
        let parts = Parallel.partition(n, work: work)
        var statuses = [Int32](repeating: 0, count: parts.count)
        statuses.withUnsafeMutableBufferPointer { st in
            let st = st
            Parallel.forEach(parts.count) { p in
                if !parts[p].isEmpty { st[p] = body(p, parts[p]) }
            }
        }
        if let bad = statuses.first(where: { $0 != 0 }) {
            throw TensorError("\(op): oneDNN failed with status \(bad); set FOVEA_ONEDNN=0 to use Fovea's own kernels")
        }
    }

    /// conv2d through oneDNN; nil when the library cannot be loaded.
    static func oneDNNConv2d(input: Tensor, kernel: Tensor, bias: Tensor?, relu: Bool, geometry g: WindowGeometry,
                             channels c: Int, filters f: Int) throws -> Tensor? {
        guard OneDNN.isAvailable else { return nil }
        let n = input.shape[0]
        let out = try Tensor(uninitialized: [n, g.outHeight, g.outWidth, f],
                             what: "conv2d output of shape \(Shape([n, g.outHeight, g.outWidth, f]))")
        let inP = input.floatPointer, kP = kernel.floatPointer, outP = out.floatPointer
        let bP = bias.map { UnsafePointer($0.floatPointer) }
        let perIn = g.inHeight * g.inWidth * c, perOut = g.outHeight * g.outWidth * f
        try forEachOneDNNPart(n, work: n * perOut * g.kernelHeight * g.kernelWidth * c, op: "conv2d") { slot, images in
            var s = dnnlShape(g, images: images.count, channels: c, filters: f)
            // relu here, not as oneDNN's post-op, which turns NaN into 0 (fit's NaN check must see it).
            let status = fovea_dnnl_conv_forward(&s, Int32(slot), inP + images.lowerBound * perIn, kP, bP, 0,
                                                 outP + images.lowerBound * perOut)
            if relu && status == 0 { reluInPlace(outP + images.lowerBound * perOut, count: images.count * perOut) }
            return status
        }
        return out
    }

    /// dL/dX given dL/dY (relu's mask already applied) through oneDNN; nil when it cannot be loaded.
    static func oneDNNConv2dInputGradient(gradOutput: Tensor, kernel: Tensor, geometry g: WindowGeometry,
                                          channels c: Int, filters f: Int) throws -> Tensor? {
        guard OneDNN.isAvailable else { return nil }
        let n = gradOutput.shape[0]
        let dX = try Tensor(uninitialized: [n, g.inHeight, g.inWidth, c], what: "the input gradient of conv2d")
        let dyP = gradOutput.floatPointer, kP = kernel.floatPointer, dxP = dX.floatPointer
        let perIn = g.inHeight * g.inWidth * c, perOut = g.outHeight * g.outWidth * f
        try forEachOneDNNPart(n, work: n * perOut * g.kernelHeight * g.kernelWidth * c,
                              op: "conv2d_backward") { slot, images in
            var s = dnnlShape(g, images: images.count, channels: c, filters: f)
            return fovea_dnnl_conv_backward_data(&s, Int32(slot), dyP + images.lowerBound * perOut, kP,
                                                 dxP + images.lowerBound * perIn)
        }
        return dX
    }

    /// dL/dkernel and dL/dbias given dL/dY (relu's mask already applied) through oneDNN, each part
    /// of the batch into its own partial sums, added in a fixed order; nil when it cannot be loaded.
    static func oneDNNConv2dParameterGradients(input: Tensor, kernel: Tensor, gradOutput: Tensor,
                                               geometry g: WindowGeometry, channels c: Int,
                                               filters f: Int) throws -> (kernel: Tensor, bias: Tensor)? {
        guard OneDNN.isAvailable else { return nil }
        let n = input.shape[0]
        let dKernel = try Tensor(zeros: kernel.shape, what: "the kernel gradient of conv2d")
        let dBias = try Tensor(zeros: [f], what: "the bias gradient of conv2d")
        let perIn = g.inHeight * g.inWidth * c, perOut = g.outHeight * g.outWidth * f
        let work = n * perOut * g.kernelHeight * g.kernelWidth * c
        let parts = Parallel.partition(n, work: work)
        let partials = PartialSums(parts: parts.count, sizes: [kernel.count, f], firsts: [dKernel, dBias])
        defer { partials.deallocate() }
        let inP = input.floatPointer, dyP = gradOutput.floatPointer
        try forEachOneDNNPart(n, work: work, op: "conv2d_backward") { slot, images in
            var s = dnnlShape(g, images: images.count, channels: c, filters: f)
            return fovea_dnnl_conv_backward_weights(&s, Int32(slot), inP + images.lowerBound * perIn,
                                                    dyP + images.lowerBound * perOut, partials.pointer(0, part: slot),
                                                    partials.pointer(1, part: slot))
        }
        partials.sumIntoFirsts()
        return (dKernel, dBias)
    }

    /// conv2dBackward through oneDNN when the table gives it the backward pass (nil otherwise, or
    /// when the library cannot be loaded). With `reluOutput`, gradOutput is dL/dy of y = relu(conv).
    static func oneDNNConv2dBackwardIfChosen(input: Tensor, kernel: Tensor, gradOutput: Tensor, reluOutput: Tensor?,
                                             geometry g: WindowGeometry, channels c: Int, filters f: Int,
                                             needInputGradient: Bool) throws -> (input: Tensor?, kernel: Tensor, bias: Tensor)? {
        guard oneDNNChoice(g, channels: c, filters: f).backward, OneDNN.isAvailable else { return nil }
        let gy = try reluOutput.map {
            try activationBackward(.relu, input: nil, output: $0, gradOutput: gradOutput)
        } ?? gradOutput
        guard let (dK, dB) = try oneDNNConv2dParameterGradients(input: input, kernel: kernel, gradOutput: gy,
                                                                 geometry: g, channels: c, filters: f)
        else { return nil }
        let dX = needInputGradient
            ? try oneDNNConv2dInputGradient(gradOutput: gy, kernel: kernel, geometry: g, channels: c, filters: f)
            : nil
        return (dX, dK, dB)
    }
}
