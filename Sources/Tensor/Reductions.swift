/// numpy's reductions over all elements or along one axis: sum, prod, mean, var, std, min, max,
/// argmax, argmin. They add in numpy's order, so float results are numpy's bit for bit: pairwise
/// (blocks of 8, halves above 128) along a contiguous axis, row after row along an outer one.
/// Types as numpy's: sum and prod of integers and bools give int64 (numpy: uint64 for uint8),
/// mean/var/std give the float type (float64 for integers), min/max keep the dtype, argmax/argmin
/// give int64 indices of the first extreme. NaN wins min/max and argmax/argmin, as in numpy.
public enum Reduction: String, Sendable, CaseIterable {
    case sum, prod, mean, variance = "var", std, min, max, argmax, argmin

    /// numpy's ufunc name, for the empty-array error.
    var ufuncName: String { self == .min ? "minimum" : self == .max ? "maximum" : rawValue }
}

extension Tensor {
    /// Reduces along `axis` (nil: every element; negative counts from the end). With `keepDims`
    /// the reduced axis stays with length 1. `ddof` is var/std's delta degrees of freedom.
    public func reduced(_ r: Reduction, axis: Int? = nil, keepDims: Bool = false, ddof: Int = 0) throws -> Tensor {
        let dims = shape.dims
        var outer = 1, n = count, inner = 1
        var outDims: [Int] = keepDims ? dims.map { _ in 1 } : []
        if let a0 = axis {
            let a = try Tensor.normalizeAxis(a0, rank: dims.count)
            outer = dims[..<a].reduce(1, *); n = dims[a]; inner = dims[(a + 1)...].reduce(1, *)
            outDims = dims
            if keepDims { outDims[a] = 1 } else { outDims.remove(at: a) }
        }
        if n == 0 && (r == .min || r == .max) {
            throw ArrayError("ValueError", "zero-size array to reduction operation \(r.ufuncName) which has no identity")
        }
        if n == 0 && (r == .argmax || r == .argmin) { throw ArrayError("ValueError", "attempt to get \(r.rawValue) of an empty sequence") }
        let outType: DType
        switch r {
        case .sum, .prod: outType = dtype.isFloat ? dtype : .int64
        case .mean, .variance, .std: outType = dtype.isFloat ? dtype : .float64
        case .min, .max: outType = dtype
        case .argmax, .argmin: outType = .int64
        }
        let out = try Tensor(zeros: Shape(outDims), dtype: outType)
        let job = ReduceJob(r: r, outer: outer, n: n, inner: inner, ddof: ddof, out: out)
        if (r == .mean || r == .variance || r == .std) && !dtype.isFloat {
            // numpy sums integers as float64 for these.
            converted(to: .float64).visit(job)
        } else {
            visit(job)
        }
        return out
    }
}

/// One reduction, run on the source's element type.
private struct ReduceJob: TensorVisitor {
    let r: Reduction, outer: Int, n: Int, inner: Int, ddof: Int, out: Tensor

    func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) {
        switch r {
        case .sum, .prod:
            if T.isFloatingPoint {
                if let p = p as? UnsafeMutablePointer<Float> { fold(p, out.pointer(Float.self), product: r == .prod) }
                if let p = p as? UnsafeMutablePointer<Double> { fold(p, out.pointer(Double.self), product: r == .prod) }
            } else {
                let d = out.pointer(Int64.self)
                for o in 0..<outer {
                    for j in 0..<inner {
                        var acc: Int64 = r == .prod ? 1 : 0
                        for k in 0..<n {
                            let v = p[(o * n + k) * inner + j].asInt64
                            acc = r == .prod ? acc &* v : acc &+ v
                        }
                        d[o * inner + j] = acc
                    }
                }
            }
        case .mean, .variance, .std:
            if let p = p as? UnsafeMutablePointer<Float> { moments(p, out.pointer(Float.self), sqrt: { $0.squareRoot() }) }
            if let p = p as? UnsafeMutablePointer<Double> { moments(p, out.pointer(Double.self), sqrt: { $0.squareRoot() }) }
        case .min, .max, .argmax, .argmin:
            extremes(p)
        }
    }

    /// Sums (or multiplies) each line in numpy's order.
    private func fold<F: BinaryFloatingPoint>(_ p: UnsafeMutablePointer<F>, _ d: UnsafeMutablePointer<F>, product: Bool) {
        for o in 0..<outer {
            let base = o * n * inner
            if inner == 1 && !product {
                d[o] = ReduceJob.pairwiseSum(p + base, n, stride: 1)
                continue
            }
            for j in 0..<inner { d[o * inner + j] = product ? 1 : 0 }
            for k in 0..<n {
                let row = base + k * inner
                for j in 0..<inner {
                    if product { d[o * inner + j] *= p[row + j] } else { d[o * inner + j] += p[row + j] }
                }
            }
        }
    }

    /// numpy's pairwise summation (`pairwise_sum` in its loops): exact order, so the same bits.
    static func pairwiseSum<F: BinaryFloatingPoint>(_ a: UnsafeMutablePointer<F>, _ n: Int, stride: Int) -> F {
        if n < 8 {
            var res: F = -0.0
            for i in 0..<n { res += a[i * stride] }
            return res
        }
        if n <= 128 {
            var r = (0..<8).map { a[$0 * stride] }
            var i = 8
            while i < n - n % 8 {
                for j in 0..<8 { r[j] += a[(i + j) * stride] }
                i += 8
            }
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n { res += a[i * stride]; i += 1 }
            return res
        }
        var n2 = n / 2
        n2 -= n2 % 8
        return pairwiseSum(a, n2, stride: stride) + pairwiseSum(a + n2 * stride, n - n2, stride: stride)
    }

    /// mean, var and std as numpy's `_mean`/`_var` compute them: the sum divided by the count,
    /// then the sum of squared deviations divided by count - ddof.
    private func moments<F: BinaryFloatingPoint>(_ p: UnsafeMutablePointer<F>, _ d: UnsafeMutablePointer<F>, sqrt: (F) -> F) {
        let means = UnsafeMutablePointer<F>.allocate(capacity: max(outer * inner, 1))
        defer { means.deallocate() }
        fold(p, means, product: false)
        for i in 0..<(outer * inner) { means[i] /= F(n) }
        if r == .mean {
            d.update(from: means, count: outer * inner)
            return
        }
        let squares = UnsafeMutablePointer<F>.allocate(capacity: max(outer * n * inner, 1))
        defer { squares.deallocate() }
        for o in 0..<outer {
            for k in 0..<n {
                for j in 0..<inner {
                    let x = p[(o * n + k) * inner + j] - means[o * inner + j]
                    squares[(o * n + k) * inner + j] = x * x
                }
            }
        }
        fold(squares, d, product: false)
        let divisor = F(Swift.max(n - ddof, 0))
        for i in 0..<(outer * inner) {
            d[i] /= divisor
            if r == .std { d[i] = sqrt(d[i]) }
        }
    }

    private func extremes<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) {
        let wantMin = r == .min || r == .argmin
        for o in 0..<outer {
            let base = o * n * inner
            for j in 0..<inner {
                var best = p[base + j], at = 0
                if !best.isNaN {
                    for k in 1..<Swift.max(n, 1) {
                        let v = p[base + k * inner + j]
                        if v.isNaN { best = v; at = k; break }
                        if wantMin ? v < best : v > best { best = v; at = k }
                    }
                }
                if r == .argmax || r == .argmin {
                    out.pointer(Int64.self)[o * inner + j] = Int64(at)
                } else {
                    out.pointer(T.self)[o * inner + j] = best
                }
            }
        }
    }
}
