/// The backward pass of dense (Y = X · K + b over the last axis): dK = Xᵀ · dY, db = Σ dY over
/// rows, dX = dY · Kᵀ. Rows are split over the cores with partial dK and db per part.
extension Kernels {
    /// input [..., in], kernel [in, out], gradOutput [..., out] → dL/dinput (nil unless
    /// `needInputGradient`), dL/dkernel [in, out], dL/dbias [out].
    public static func denseBackward(input: Tensor, kernel: Tensor, gradOutput: Tensor,
                                     needInputGradient: Bool = true) throws -> (input: Tensor?, kernel: Tensor, bias: Tensor) {
        let (rows, inner, outer, outShape) = try denseShapes(input: input, kernel: kernel, bias: nil)
        try Checks.gradient(gradOutput, expected: outShape, op: "dense_backward")
        let dKernel = try Tensor(zeros: kernel.shape, what: "the kernel gradient of dense")
        let dBias = try Tensor(zeros: [outer], what: "the bias gradient of dense")
        let dInput = needInputGradient ? try Tensor(zeros: input.shape, what: "the input gradient of dense") : nil
        let xP = input.floatPointer, kP = kernel.floatPointer, dyP = gradOutput.floatPointer
        let dxP = dInput?.floatPointer
        let parts = Parallel.partition(rows, work: rows * inner * outer * (needInputGradient ? 2 : 1))
        let partials = PartialSums(parts: parts.count, sizes: [inner * outer, outer], firsts: [dKernel, dBias])
        defer { partials.deallocate() }
        Parallel.forEach(parts.count) { p in
            let r = parts[p]
            if r.isEmpty { return }
            let dy = dyP + r.lowerBound * outer
            sumRows(dy, rows: r.count, width: outer, into: partials.pointer(1, part: p))
            BLAS.sgemm(transA: true, transB: false, m: inner, n: outer, k: r.count, alpha: 1,
                       a: xP + r.lowerBound * inner, lda: inner, b: dy, ldb: outer, beta: 0,
                       c: partials.pointer(0, part: p), ldc: outer)
            if let dxP {
                BLAS.sgemm(transA: false, transB: true, m: r.count, n: inner, k: outer, alpha: 1,
                           a: dy, lda: outer, b: kP, ldb: outer, beta: 0, c: dxP + r.lowerBound * inner, ldc: inner)
            }
        }
        partials.sumIntoFirsts()
        return (dInput, dKernel, dBias)
    }
}
