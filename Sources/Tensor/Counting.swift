/// numpy's counting and running functions: bincount, cumsum/cumprod, diff, count_nonzero,
/// nonzero and argwhere, with numpy's types and errors.
public enum Accumulation: String, Sendable {
    case sum = "cumsum", product = "cumprod"
}

extension Tensor {
    /// numpy's `bincount(x, weights, minlength)` on this 1-d tensor of non-negative integers: how
    /// often each value occurs (int64), or the sum of the weights of its elements (float64, added in
    /// element order). Floats are truncated, as numpy does while it deprecates them.
    public func bincount(weights: Tensor? = nil, minlength: Int = 0) throws -> Tensor {
        guard shape.rank == 1 else {
            throw ArrayError("ValueError", shape.rank == 0 ? "object of too small depth for desired array" : "object too deep for desired array")
        }
        guard minlength >= 0 else { throw ArrayError("ValueError", "'minlength' must not be negative") }
        let values = (0..<count).map { integer(at: $0) }
        if values.contains(where: { $0 < 0 }) { throw ArrayError("ValueError", "'list' argument must have no negative elements") }
        let length = max(Int(values.max() ?? -1) + 1, minlength)
        if let weights {
            guard weights.shape.rank == 1, weights.count == count else {
                throw ArrayError("ValueError", "The weights and list don't have the same length.")
            }
            let out = try Tensor(zeros: [length], dtype: .float64)
            let w = weights.doubleArray, d = out.doubles
            for (i, v) in values.enumerated() { d[Int(v)] += w[i] }
            return out
        }
        let out = try Tensor(zeros: [length], dtype: .int64)
        let d = out.int64s
        for v in values { d[Int(v)] += 1 }
        return out
    }

    /// numpy's `cumsum`/`cumprod(a, axis)`: running sums or products along `axis` (`nil`: of the
    /// flattened array, or of a 0-d one), added one after another. Floats keep their type; integers and bools give
    /// int64 (numpy gives uint64 for uint8: the same values, another dtype).
    public func accumulated(_ op: Accumulation, axis: Int? = nil) throws -> Tensor {
        // numpy accumulates a 0-d array as a 1-d one.
        let source = axis == nil || shape.rank == 0 ? try reshaped([count]) : self
        let lines = try Lines(source, axis: source === self ? axis! : 0)
        let out = try Tensor(zeros: source.shape, dtype: dtype.isFloat ? dtype : .int64)
        if dtype.isFloat {
            source.visit(Accumulate(lines: lines, product: op == .product, out: out))
        } else {
            source.converted(to: .int64).visit(Accumulate(lines: lines, product: op == .product, out: out))
        }
        return out
    }

    /// numpy's `diff(a, n, axis)`: the n-th differences along `axis` (`a[1:] - a[:-1]`, repeated),
    /// in the array's own type (integers wrap); for bools, whether neighbours differ.
    public func differenced(_ n: Int = 1, axis: Int = -1) throws -> Tensor {
        guard n >= 0 else { throw ArrayError("ValueError", "order must be non-negative but got \(n)") }
        guard shape.rank > 0 else { throw ArrayError("ValueError", "diff requires input that is at least one dimensional") }
        let a = try Tensor.normalizeAxis(axis, rank: shape.rank)
        var result = self
        for _ in 0..<n {
            // Nothing left to difference: more rounds change nothing.
            if result.shape.dims[a] == 0 { break }
            var upper = [IndexItem](repeating: .all, count: a), lower = upper
            upper.append(.slice(start: 1, stop: nil, step: nil))
            lower.append(.slice(start: nil, stop: -1, step: nil))
            let x = try result.indexed(upper), y = try result.indexed(lower)
            result = dtype == .bool
                ? try Tensor.compare(.notEqual, .tensor(x), .tensor(y))
                : try Tensor.arithmetic(.subtract, .tensor(x), .tensor(y))
        }
        return result
    }

    /// numpy's `count_nonzero(a, axis, keepdims)`: int64 counts of the elements that are not zero
    /// (NaN counts), over everything (a 0-d result) or along the given axes.
    public func countNonzero(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        var flags = try Tensor.compare(.notEqual, .tensor(self), .int(0))
        guard let axes else {
            let total = try flags.reduced(.sum)
            return keepDims ? try total.reshaped(Shape(shape.dims.map { _ in 1 })) : total
        }
        let resolved = try axes.map { try Tensor.normalizeAxis($0, rank: shape.rank) }
        guard Set(resolved).count == resolved.count else { throw ArrayError("ValueError", "duplicate value in 'axis'") }
        if resolved.isEmpty { return flags.converted(to: .int64) }
        for a in resolved.sorted(by: >) { flags = try flags.reduced(.sum, axis: a, keepDims: keepDims) }
        return flags
    }

    /// numpy's `nonzero(a)`: for each axis, the int64 indices of the non-zero elements (in
    /// row-major order). numpy refuses 0-d arrays.
    public func nonzeroIndices() throws -> [Tensor] {
        guard shape.rank > 0 else {
            throw ArrayError("ValueError", "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.")
        }
        let hits = try argwhere()
        let k = hits.shape.dims[0], rank = shape.rank
        let src = hits.int64Array
        return (0..<rank).map { axis in
            let t = Tensor(uncheckedShape: [k], dtype: .int64)
            let d = t.int64s
            for i in 0..<k { d[i] = src[i * rank + axis] }
            return t
        }
    }

    /// numpy's `argwhere(a)`: the int64 index (one row of `rank` numbers) of every non-zero
    /// element, in row-major order: shape (N, rank).
    public func argwhere() throws -> Tensor {
        let flags = try Tensor.compare(.notEqual, .tensor(self), .int(0)).byteArray
        let rank = shape.rank
        let hits = (0..<count).filter { flags[$0] != 0 }
        let out = try Tensor(zeros: [hits.count, rank], dtype: .int64)
        let strides = StridedLoop.contiguousStrides(shape.dims)
        let d = out.int64s
        for (row, flat) in hits.enumerated() {
            var rest = flat
            for axis in 0..<rank {
                d[row * rank + axis] = Int64(rest / strides[axis])
                rest %= strides[axis]
            }
        }
        return out
    }
}

/// Running sums or products along lines, in the output's type (the source already converted to
/// int64 for integer inputs).
private struct Accumulate: TensorVisitor {
    let lines: Lines, product: Bool, out: Tensor
    func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) {
        if let p = p as? UnsafeMutablePointer<Float> { run(p, out.pointer(Float.self), { $0 + $1 }, { $0 * $1 }) }
        if let p = p as? UnsafeMutablePointer<Double> { run(p, out.pointer(Double.self), { $0 + $1 }, { $0 * $1 }) }
        if let p = p as? UnsafeMutablePointer<Int64> { run(p, out.pointer(Int64.self), { $0 &+ $1 }, { $0 &* $1 }) }
    }

    private func run<E>(_ p: UnsafeMutablePointer<E>, _ d: UnsafeMutablePointer<E>, _ add: (E, E) -> E, _ multiply: (E, E) -> E) {
        let n = lines.n, inner = lines.inner
        guard n > 0 else { return }
        for l in 0..<lines.count {
            let s = lines.start(l)
            var acc = p[s]
            d[s] = acc
            for k in 1..<n {
                let i = s + k * inner
                acc = product ? multiply(acc, p[i]) : add(acc, p[i])
                d[i] = acc
            }
        }
    }
}
