import CKernels

/// Max pooling's most common case, a 2×2 window with stride 2 and 'valid' padding, in CKernels'
/// AVX2 code without the general window loops: the forward takes the max of four cells per
/// channel, and the backward writes every input cell once, dy to the window's first maximum and 0
/// to the others, instead of zeroing the gradient and searching each window again cell by cell.
/// Same rules as the general kernels, and so the same naive twin: the first maximum in row-major
/// window order wins.
extension Kernels {
    public static func isPool2x2(pool: (Int, Int), strides: (Int, Int), padding: Padding) -> Bool {
        pool == (2, 2) && strides == (2, 2) && padding == .valid
    }

    /// nil when the CPU lacks AVX2 or the channels are not a multiple of 8: the general kernel
    /// runs then.
    static func maxPool2x2(input: Tensor, n: Int, h: Int, w: Int, c: Int) throws -> Tensor? {
        guard c % 8 == 0, vectorKernelsAvailable else { return nil }
        let oh = h / 2, ow = w / 2
        let out = try Tensor(uninitialized: [n, oh, ow, c], what: "max_pool2d output")
        let inP = input.floatPointer, outP = out.floatPointer
        Parallel.forRanges(n * oh, work: n * oh * ow * c * 4) { rows in
            fovea_max_pool_2x2_rows(rows.lowerBound, rows.count, oh, h, w, c, inP, outP)
        }
        return out
    }

    /// nil when the CPU lacks AVX2 or the channels are not a multiple of 8: the general kernel
    /// runs then.
    static func maxPool2x2Backward(input: Tensor, gradOutput: Tensor, n: Int, h: Int, w: Int, c: Int) throws -> Tensor? {
        guard c % 8 == 0, vectorKernelsAvailable else { return nil }
        let oh = h / 2
        // An odd last row or column belongs to no window: its gradient is 0.
        let dInput = h % 2 == 0 && w % 2 == 0
            ? try Tensor(uninitialized: input.shape, what: "the input gradient of max_pool2d_backward")
            : try Tensor(zeros: input.shape, what: "the input gradient of max_pool2d_backward")
        let inP = input.floatPointer, dyP = gradOutput.floatPointer, dxP = dInput.floatPointer
        Parallel.forRanges(n * oh, work: gradOutput.count * 8) { rows in
            fovea_max_pool_2x2_backward_rows(rows.lowerBound, rows.count, oh, h, w, c, inP, dyP, dxP)
        }
        return dInput
    }
}
