/// sum, mean, min, max and argmax over all elements or along one axis, as numpy's reductions.
/// sum of integers gives int64 (numpy: int64/uint64), of floats float32 (accumulated in Double);
/// mean gives float32 (numpy: float64); min/max keep the dtype; argmax gives int64 indices of the
/// first largest value. NaN wins min/max and argmax, as in numpy.
public enum Reduction: String, Sendable, CaseIterable {
    case sum, mean, min, max, argmax

    /// numpy's ufunc name, for the empty-array error.
    var ufuncName: String { self == .min ? "minimum" : self == .max ? "maximum" : rawValue }
}

extension Tensor {
    /// Reduces along `axis` (nil: every element; negative counts from the end). With `keepDims`
    /// the reduced axis stays with length 1 (for argmax with axis nil, numpy gives 0-d; so does this).
    public func reduced(_ r: Reduction, axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        let dims = shape.dims
        var outer = 1, n = count, inner = 1
        var outDims: [Int] = keepDims ? dims.map { _ in 1 } : []
        if let a0 = axis {
            let a = a0 < 0 ? a0 + dims.count : a0
            guard a >= 0 && a < dims.count else { throw ArrayError.axis(a0, rank: dims.count) }
            outer = dims[..<a].reduce(1, *); n = dims[a]; inner = dims[(a + 1)...].reduce(1, *)
            outDims = dims
            if keepDims { outDims[a] = 1 } else { outDims.remove(at: a) }
        }
        if n == 0 && (r == .min || r == .max) {
            throw ArrayError("ValueError", "zero-size array to reduction operation \(r.ufuncName) which has no identity")
        }
        if n == 0 && r == .argmax { throw ArrayError("ValueError", "attempt to get argmax of an empty sequence") }
        let outType: DType
        switch r {
        case .sum: outType = dtype == .float32 ? .float32 : .int64
        case .mean: outType = .float32
        case .min, .max: outType = dtype
        case .argmax: outType = .int64
        }
        let out = try Tensor(zeros: Shape(outDims), dtype: outType)
        switch dtype {
        case .float32: reduce(r, pointer(Float.self), outer, n, inner, out)
        case .int64: reduce(r, pointer(Int64.self), outer, n, inner, out)
        case .uint8, .bool: reduce(r, pointer(UInt8.self), outer, n, inner, out)
        }
        return out
    }

    private func reduce<T: TensorScalar & Comparable>(_ r: Reduction, _ p: UnsafeMutablePointer<T>, _ outer: Int, _ n: Int, _ inner: Int, _ out: Tensor) {
        for o in 0..<outer {
            let base = o * n * inner
            switch r {
            case .sum, .mean:
                if T.self == Float.self {
                    var acc = [Double](repeating: 0, count: inner)
                    for k in 0..<n { let row = base + k * inner; for j in 0..<inner { acc[j] += Double(p[row + j].asFloat) } }
                    let d = out.pointer(Float.self)
                    for j in 0..<inner { d[o * inner + j] = Float(r == .mean ? acc[j] / Double(n) : acc[j]) }
                } else {
                    var acc = [Int64](repeating: 0, count: inner)
                    for k in 0..<n { let row = base + k * inner; for j in 0..<inner { acc[j] &+= p[row + j].asInt64 } }
                    if r == .mean {
                        let d = out.pointer(Float.self)
                        for j in 0..<inner { d[o * inner + j] = Float(Double(acc[j]) / Double(n)) }
                    } else {
                        let d = out.pointer(Int64.self)
                        for j in 0..<inner { d[o * inner + j] = acc[j] }
                    }
                }
            case .min, .max, .argmax:
                var best = [T](p[base..<(base + inner)] .lazy.map { $0 }), at = [Int](repeating: 0, count: inner)
                var done = [Bool](repeating: false, count: inner)   // NaN found: it stays
                for j in 0..<inner where isNaN(best[j]) { done[j] = true }
                for k in 1..<max(n, 1) {
                    let row = base + k * inner
                    for j in 0..<inner where !done[j] {
                        let v = p[row + j]
                        if isNaN(v) { best[j] = v; at[j] = k; done[j] = true; continue }
                        if r == .min ? v < best[j] : v > best[j] { best[j] = v; at[j] = k }
                    }
                }
                if r == .argmax {
                    let d = out.pointer(Int64.self)
                    for j in 0..<inner { d[o * inner + j] = Int64(at[j]) }
                } else {
                    let d = out.pointer(T.self)
                    for j in 0..<inner { d[o * inner + j] = best[j] }
                }
            }
        }
    }

    @inline(__always) private func isNaN<T: TensorScalar>(_ v: T) -> Bool { (v as? Float)?.isNaN ?? false }
}

extension UnsafeMutablePointer {
    fileprivate subscript(_ r: Range<Int>) -> UnsafeMutableBufferPointer<Pointee> {
        UnsafeMutableBufferPointer(start: self + r.lowerBound, count: r.count)
    }
}
