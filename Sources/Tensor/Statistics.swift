/// numpy's order statistics and averages: quantile/percentile (method 'linear'), median,
/// average and ptp, with numpy's arithmetic step by step so that results are numpy's bits.
extension Tensor {
    /// Whether every quantile lies in [0, 1] (NaN does not), numpy's check before `quantile`.
    public static func quantilesAreValid(_ q: Tensor) -> Bool {
        (0..<q.count).allSatisfy { (0...1).contains(q.scalar(at: $0)) }
    }

    /// numpy's `quantile(a, q, axis, keepdims)` with method='linear' for valid quantiles `q` (a
    /// tensor of any shape up to 2-d). Each line along `axis` (`nil`: the flattened array) is
    /// sorted; a quantile's virtual index `(n - 1) * q` falls between two sorted values and numpy's
    /// `_lerp` interpolates them (from the upper one when the fraction is at least 0.5). The
    /// result has shape `q.shape + the other axes`. Types as numpy's: integer quantiles pick an
    /// element (the array's type); float ones give the promoted float type, or with `weakQ` (q was
    /// a Python number) the array's float type (float64 for integers). A line holding NaN gives NaN.
    public func quantile(_ q: Tensor, axis: Int? = nil, keepDims: Bool = false, weakQ: Bool = false) throws -> Tensor {
        guard q.shape.rank <= 2 else { throw ArrayError("ValueError", "q must be a scalar or 1d") }
        let (arr, lines, otherDims, keptDims) = try reductionLines(axis: axis)
        guard lines.n > 0 else { throw ArrayError("IndexError", "index -1 is out of bounds for axis 0 with size 0") }
        let picks = q.dtype.isInteger
        let type: DType
        if picks {
            type = dtype
        } else {
            if dtype == .bool {
                throw ArrayError("TypeError", "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
            }
            type = weakQ ? (dtype.isFloat ? dtype : .float64) : DType.promoted(dtype, q.dtype)
        }
        let out = try Tensor(zeros: Shape(q.shape.dims + (keepDims ? keptDims : otherDims)), dtype: type)
        // Each quantile as numpy holds it: its fraction t, 1 - t and the two indices.
        var steps: [QuantileStep] = []
        for i in 0..<q.count {
            if picks {
                let k = Int(q.integer(at: i)) * (lines.n - 1)
                steps.append(QuantileStep(below: k, above: k, t: 0, oneMinusT: 1))
            } else if q.dtype == .float32 {
                steps.append(QuantileStep(Float(q.scalar(at: i)), n: lines.n, weak: false))
            } else {
                steps.append(QuantileStep(q.scalar(at: i), n: lines.n, weak: weakQ))
            }
        }
        arr.visit(QuantileJob(lines: lines, steps: steps, picks: picks, out: out))
        return out
    }

    /// numpy's `median(a, axis, keepdims)`: the middle value of each sorted line, or the mean of
    /// the two middle ones (in the float type, float64 for integers); NaN for a line holding NaN
    /// or for no values.
    public func median(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        let (arr, lines, otherDims, keptDims) = try reductionLines(axis: axis)
        let out = try Tensor(zeros: Shape(keepDims ? keptDims : otherDims), dtype: dtype.isFloat ? dtype : .float64)
        arr.visit(MedianJob(lines: lines, out: out))
        return out
    }

    /// numpy's `ptp(a, axis, keepdims)`: max - min in the array's type (integers wrap).
    public func peakToPeak(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        let high = try reduced(.max, axis: axis, keepDims: keepDims), low = try reduced(.min, axis: axis, keepDims: keepDims)
        return try Tensor.arithmetic(.subtract, .tensor(high), .tensor(low))
    }

    /// numpy's `average(a, axis, weights, keepdims)` and the sum of the weights (its `returned`
    /// scale, broadcast to the average's shape). Without weights: the mean. With weights (of this
    /// tensor's shape, or 1-d along `axis`): `sum(a * w) / sum(w)` in the promoted type (float64
    /// for integer arrays), ZeroDivisionError when the weights sum to zero.
    public func average(axis: Int? = nil, weights: Tensor? = nil, keepDims: Bool = false) throws -> (average: Tensor, scale: Tensor) {
        let resolved = try axis.map { try Tensor.normalizeAxis($0, rank: shape.rank) }
        guard var w = weights else {
            let avg = try reduced(.mean, axis: resolved, keepDims: keepDims)
            let scale = Double(count) / Double(Swift.max(avg.count, 1))
            let scl = try Tensor.full(avg.shape, Tensor.scalar(scale, dtype: .float64), dtype: avg.dtype)
            return (avg, scl)
        }
        if w.shape != shape {
            guard let a = resolved else {
                throw ArrayError("TypeError", "Axis must be specified when shapes of a and weights differ.")
            }
            guard w.shape.dims == [shape.dims[a]] else {
                throw ArrayError("ValueError", "Shape of weights must be consistent with shape of a along specified axis.")
            }
            w = try w.reshaped(Shape(shape.dims.indices.map { $0 == a ? shape.dims[a] : 1 }))
        }
        let type = dtype.isInteger ? DType.promoted(DType.promoted(dtype, w.dtype), .float64) : DType.promoted(dtype, w.dtype)
        let wt = w.converted(to: type)
        let scl = try wt.reduced(.sum, axis: resolved, keepDims: keepDims)
        if (0..<scl.count).contains(where: { scl.scalar(at: $0) == 0 }) {
            throw ArrayError("ZeroDivisionError", "Weights sum to zero, can't be normalized")
        }
        let products = try Tensor.arithmetic(.multiply, .tensor(converted(to: type)), .tensor(wt))
        let avg = try Tensor.arithmetic(.divide, .tensor(try products.reduced(.sum, axis: resolved, keepDims: keepDims)), .tensor(scl))
        if scl.shape == avg.shape { return (avg, scl) }
        let scale = try Tensor(zeros: avg.shape, dtype: scl.dtype)
        try scale.assign([], scl)
        return (avg, scale)
    }

    /// The tensor to reduce (flattened for `axis: nil`), its lines along the axis, the result
    /// shape, and the result shape with keepdims (the axis, or every axis, of length 1).
    private func reductionLines(axis: Int?) throws -> (Tensor, Lines, [Int], [Int]) {
        guard let axis else {
            let flat = try reshaped([count])
            return (flat, try Lines(flat, axis: 0), [], shape.dims.map { _ in 1 })
        }
        let a = try Tensor.normalizeAxis(axis, rank: shape.rank)
        var kept = shape.dims, other = shape.dims
        kept[a] = 1
        other.remove(at: a)
        return (self, try Lines(self, axis: a), other, kept)
    }
}

/// One quantile as numpy's `_quantile` computes it: the sorted positions below and above the
/// virtual index, the fraction t (gamma) and 1 - t, both held as the exact values numpy has.
struct QuantileStep {
    let below: Int, above: Int, t: Double, oneMinusT: Double

    init(below: Int, above: Int, t: Double, oneMinusT: Double) {
        self.below = below; self.above = above; self.t = t; self.oneMinusT = oneMinusT
    }

    /// `q` in its own float type F: virtual = (n - 1) * q, floored; past the last value numpy
    /// takes index -1 for both and computes gamma against it. With a weak (Python number) q,
    /// gamma and 1 - gamma are Python floats.
    init<F: BinaryFloatingPoint>(_ q: F, n: Int, weak: Bool) {
        let virtual = F(n - 1) * q
        var lower = Int(virtual.rounded(.down))
        var upper = lower + 1
        if virtual >= F(n - 1) { lower = -1; upper = -1 }
        let gamma = F(Double(virtual) - Double(lower))
        below = lower < 0 ? n - 1 : lower
        above = upper < 0 ? n - 1 : upper
        t = Double(gamma)
        oneMinusT = weak ? 1 - Double(gamma) : Double(F(1) - gamma)
    }
}

/// `b - a` computed in T (integers wrap), as an exact Double.
@inline(__always) func difference<T: TensorScalar>(_ b: T, _ a: T) -> Double {
    if let x = b as? Float, let y = a as? Float { return Double(x - y) }
    if T.isFloatingPoint { return b.asDouble - a.asDouble }
    return T.from(b.asInt64 &- a.asInt64).asDouble
}

/// numpy's `_lerp(a, b, t)` in the result type R: a + (b - a) * t, or b - (b - a) * (1 - t) when
/// t >= 0.5.
@inline(__always) func lerp<T: TensorScalar, R: BinaryFloatingPoint>(_ a: T, _ b: T, _ s: QuantileStep, as _: R.Type) -> R {
    let diff = R(difference(b, a))
    if s.t >= 0.5 { return R(b.asDouble) - diff * R(s.oneMinusT) }
    return R(a.asDouble) + diff * R(s.t)
}

private struct QuantileJob: TensorVisitor {
    let lines: Lines, steps: [QuantileStep], picks: Bool, out: Tensor

    func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) {
        let n = lines.n, inner = lines.inner, count = lines.count
        var line = [T]()
        line.reserveCapacity(n)
        for l in 0..<count {
            let s = lines.start(l)
            line.removeAll(keepingCapacity: true)
            for k in 0..<n { line.append(p[s + k * inner]) }
            line.sort(by: sortsBefore)
            let hasNaN = line[n - 1].isNaN
            for (i, step) in steps.enumerated() {
                let at = i * count + l
                if picks {
                    out.pointer(T.self)[at] = hasNaN ? line[n - 1] : line[step.below]
                } else if out.dtype == .float32 {
                    out.pointer(Float.self)[at] = hasNaN ? .nan : lerp(line[step.below], line[step.above], step, as: Float.self)
                } else {
                    out.pointer(Double.self)[at] = hasNaN ? .nan : lerp(line[step.below], line[step.above], step, as: Double.self)
                }
            }
        }
    }
}

private struct MedianJob: TensorVisitor {
    let lines: Lines, out: Tensor

    func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) {
        let n = lines.n, inner = lines.inner
        var line = [T]()
        line.reserveCapacity(n)
        for l in 0..<lines.count {
            let s = lines.start(l)
            line.removeAll(keepingCapacity: true)
            for k in 0..<n { line.append(p[s + k * inner]) }
            line.sort(by: sortsBefore)
            if out.dtype == .float32 {
                out.pointer(Float.self)[l] = middle(line, as: Float.self)
            } else {
                out.pointer(Double.self)[l] = middle(line, as: Double.self)
            }
        }
    }

    /// numpy's mean of the middle one or two values, in R.
    private func middle<T: TensorScalar, R: BinaryFloatingPoint>(_ line: [T], as _: R.Type) -> R {
        let n = line.count
        guard n > 0, !line[n - 1].isNaN else { return .nan }
        if n % 2 == 1 { return R(line[n / 2].asDouble) }
        return (R(line[n / 2 - 1].asDouble) + R(line[n / 2].asDouble)) / 2
    }
}
