/// numpy's element choosers: `where(condition, x, y)`, `clip` and `isclose`, with broadcasting
/// and numpy 2's promotion between x and y.
extension Tensor {
    /// This tensor's elements repeated along broadcast axes into `target` (a new contiguous tensor).
    public func broadcasted(to target: Shape) throws -> Tensor {
        let shape = try Tensor.broadcastShape(self.shape, target)
        guard shape == target else {
            throw ArrayError("ValueError", "operands could not be broadcast together with remapped shapes [original->remapped]: \(ArrayError.compact(self.shape.dims)) and requested shape \(ArrayError.compact(target.dims))")
        }
        return gather(dims: target.dims, strides: broadcastStrides(to: target), offset: 0, shape: target)
    }

    /// numpy's `where(condition, x, y)`: x where the condition holds, else y.
    public static func choosing(_ condition: Tensor, _ x: Operand, _ y: Operand) throws -> Tensor {
        // Two Python numbers: the first takes numpy's default type, as np.where(c, 1, -1) gives int64.
        let strongX: Operand
        switch (x, y) {
        case (.tensor, _), (_, .tensor): strongX = x
        case (.int(let i), _): strongX = .tensor(scalar(integer: Int64(i), dtype: .int64))
        case (.float(let d), _): strongX = .tensor(scalar(d, dtype: .float64))
        case (.bool(let v), _): strongX = .tensor(scalar(v ? 1 : 0, dtype: .bool))
        }
        let (type, a, b) = try promote(strongX, y)
        let shape = try broadcastShape(try broadcastShape(condition.shape, a.shape), b.shape)
        let c = try (condition.dtype == .bool ? condition : condition.converted(to: .bool)).broadcasted(to: shape)
        let first = try (a.dtype == type ? a : a.converted(to: type)).broadcasted(to: shape)
        let second = try (b.dtype == type ? b : b.converted(to: type)).broadcasted(to: shape)
        first.visit(Choose(flags: c.pointer(UInt8.self), other: second, n: first.count))
        return first
    }

    /// numpy's `clip(a, a_min, a_max)`: minimum(maximum(a, a_min), a_max); either bound may be nil.
    public static func clipped(_ a: Operand, min lower: Operand?, max upper: Operand?) throws -> Tensor {
        guard lower != nil || upper != nil else { throw ArrayError("ValueError", "One of max or min must be given") }
        var r = a
        if let lower { r = .tensor(try arithmetic(.maximum, r, lower)) }
        if let upper { r = .tensor(try arithmetic(.minimum, r, upper)) }
        guard case .tensor(let t) = r else { throw ArrayError("TypeError", "clip needs an array") }
        return t
    }

    /// numpy's `isclose(a, b, rtol, atol, equal_nan)`: |a - b| <= atol + rtol * |b|, in float64;
    /// infinities are close only to themselves.
    public static func close(_ a: Operand, _ b: Operand, rtol: Double, atol: Double, equalNaN: Bool) throws -> Tensor {
        func asTensor(_ o: Operand) -> Tensor {
            switch o {
            case .tensor(let t): return t.dtype == .float64 ? t : t.converted(to: .float64)
            case .int(let i): return scalar(Double(i), dtype: .float64)
            case .float(let d): return scalar(d, dtype: .float64)
            case .bool(let v): return scalar(v ? 1 : 0, dtype: .float64)
            }
        }
        let x = asTensor(a), y = asTensor(b)
        let shape = try broadcastShape(x.shape, y.shape)
        let out = try Tensor(zeros: shape, dtype: .bool)
        let loop = StridedLoop(dims: shape.dims, strides: [x.broadcastStrides(to: shape), y.broadcastStrides(to: shape),
                                                            StridedLoop.contiguousStrides(shape.dims)])
        run(loop, x, y, out.pointer(UInt8.self)) { (u: Double, v: Double) -> UInt8 in
            if u.isNaN || v.isNaN { return equalNaN && u.isNaN && v.isNaN ? 1 : 0 }
            if u.isInfinite || v.isInfinite { return u == v ? 1 : 0 }
            return Swift.abs(u - v) <= atol + rtol * Swift.abs(v) ? 1 : 0
        }
        return out
    }
}

/// `choosing`'s copy of y's elements where the condition is false, in the element type.
private struct Choose: TensorVisitor {
    let flags: UnsafeMutablePointer<UInt8>, other: Tensor, n: Int
    func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) {
        let q = other.pointer(T.self)
        for i in 0..<n where flags[i] == 0 { p[i] = q[i] }
    }
}
