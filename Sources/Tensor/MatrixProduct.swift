/// numpy's `matmul` (`a @ b`) and `dot` for the numpy surface: vectors and matrices, and stacks
/// of matrices that broadcast, in the promoted type, each sum taken in order along k. (Dense
/// layers use BLAS in Kernels.swift; this is for the small arrays lessons multiply by hand.)
extension Tensor {
    /// `self @ other`, with numpy's shapes: 1-D operands act as a row or column and lose that
    /// axis again; leading axes broadcast.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard shape.rank > 0, other.shape.rank > 0 else {
            throw ArrayError("ValueError", "matmul: Input operand \(shape.rank == 0 ? 0 : 1) does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)")
        }
        let type = DType.promoted(dtype, other.dtype)
        let a = try (shape.rank == 1 ? reshaped([1, count]) : self).converted(to: type == .bool ? .int64 : type)
        let b = try (other.shape.rank == 1 ? other.reshaped([other.count, 1]) : other).converted(to: type == .bool ? .int64 : type)
        let (n, k) = (a.shape[-2], a.shape[-1]), (k2, m) = (b.shape[-2], b.shape[-1])
        guard k == k2 else {
            throw ArrayError("ValueError", "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size \(k2) is different from \(k))")
        }
        let batch = try Tensor.broadcastShape(Shape(Array(a.shape.dims.dropLast(2))), Shape(Array(b.shape.dims.dropLast(2))))
        var outDims = batch.dims + [n, m]
        let out = try Tensor(zeros: Shape(outDims), dtype: a.dtype)
        // Each operand's matrix index for a batch position (0 on broadcast axes).
        func matrixStrides(_ t: Tensor) -> [Int] {
            let lead = Array(t.shape.dims.dropLast(2)), own = StridedLoop.contiguousStrides(lead), pad = batch.rank - lead.count
            return (0..<batch.rank).map { i in i < pad || lead[i - pad] == 1 ? 0 : own[i - pad] }
        }
        let aStrides = matrixStrides(a), bStrides = matrixStrides(b)
        let batches = batch.count
        let batchStrides = StridedLoop.contiguousStrides(batch.dims)
        for s in 0..<batches {
            var rest = s, offA = 0, offB = 0
            for (axis, stride) in batchStrides.enumerated() {
                let i = rest / stride
                rest %= stride
                offA += i * aStrides[axis]; offB += i * bStrides[axis]
            }
            out.visit(MatmulJob(a: a, b: b, offA: offA * n * k, offB: offB * k * m, offOut: s * n * m, n: n, k: k, m: m))
        }
        if other.shape.rank == 1 { outDims.removeLast() }
        if shape.rank == 1 { outDims.remove(at: outDims.count - (other.shape.rank == 1 ? 1 : 2)) }
        return try out.reshaped(Shape(outDims))
    }

    /// numpy's `dot`: the same as matmul for vectors and matrices, scalar multiplication for 0-d.
    public func dot(_ other: Tensor) throws -> Tensor {
        if shape.rank == 0 || other.shape.rank == 0 { return try Tensor.arithmetic(.multiply, .tensor(self), .tensor(other)) }
        if shape.rank <= 2 && other.shape.rank <= 2 { return try matmul(other) }
        guard other.shape.rank == 1 || other.shape.rank == 2 else {
            throw ArrayError("ValueError", "dot of arrays with more than 2 dimensions on both sides is not supported in Fovea; use matmul (@) for stacks of matrices")
        }
        return try matmul(other)
    }
}

/// One (n×k)·(k×m) product in the output's element type.
private struct MatmulJob: TensorVisitor {
    let a: Tensor, b: Tensor, offA: Int, offB: Int, offOut: Int, n: Int, k: Int, m: Int
    /// Row i of the output gathers a[i, t] * row t of b, for t in order: each sum still adds its
    /// terms in k order, and the inner loop runs along contiguous rows.
    private func ikj<F: BinaryFloatingPoint>(_ pa: UnsafeMutablePointer<F>, _ pb: UnsafeMutablePointer<F>, _ d: UnsafeMutablePointer<F>) {
        for i in 0..<n {
            let row = d + i * m
            for j in 0..<m { row[j] = 0 }
            for t in 0..<k {
                let a = pa[i * k + t], brow = pb + t * m
                for j in 0..<m { row[j] += a * brow[j] }
            }
        }
    }

    func visit<T: TensorScalar>(_ d: UnsafeMutablePointer<T>) {
        let pa = a.pointer(T.self) + offA, pb = b.pointer(T.self) + offB
        if let d = d as? UnsafeMutablePointer<Double> {
            let pa = a.pointer(Double.self) + offA, pb = b.pointer(Double.self) + offB
            ikj(pa, pb, d + offOut)
        } else if let d = d as? UnsafeMutablePointer<Float> {
            let pa = a.pointer(Float.self) + offA, pb = b.pointer(Float.self) + offB
            ikj(pa, pb, d + offOut)
        } else {
            for i in 0..<n {
                for j in 0..<m {
                    var s: Int64 = 0
                    for t in 0..<k { s &+= pa[i * k + t].asInt64 &* pb[t * m + j].asInt64 }
                    d[offOut + i * m + j] = T.from(s)
                }
            }
        }
    }
}
