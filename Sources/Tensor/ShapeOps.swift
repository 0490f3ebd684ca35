/// numpy's shape operations with numpy's error messages. reshape, expand_dims and squeeze share
/// storage with the source (numpy's views); transpose and flatten copy.
extension Tensor {
    /// numpy's `reshape`: one dimension may be -1.
    public func reshaping(_ dims: [Int]) throws -> Tensor {
        if dims.filter({ $0 == -1 }).count > 1 { throw ArrayError("ValueError", "can only specify one unknown dimension") }
        if let bad = dims.first(where: { $0 < -1 }) { throw ArrayError("ValueError", "negative dimensions not allowed (got \(bad))") }
        let shown = dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.map(String.init).joined(separator: ",") + ")"
        do {
            return try reshaped(Shape(dims))
        } catch {
            throw ArrayError("ValueError", "cannot reshape array of size \(count) into shape \(shown)")
        }
    }

    /// Resolves a possibly negative axis for an array of `rank` axes, with numpy's AxisError.
    static func normalizeAxis(_ axis: Int, rank: Int) throws -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0 && a < rank else { throw ArrayError.axis(axis, rank: rank) }
        return a
    }

    /// `np.expand_dims(x, axis)`: a new length-1 axis at `axis` (of the result; negative counts from the end).
    public func expandingDims(_ axis: Int) throws -> Tensor {
        let a = try Tensor.normalizeAxis(axis, rank: shape.rank + 1)
        var dims = shape.dims
        dims.insert(1, at: a)
        return try reshaped(Shape(dims))
    }

    /// `np.squeeze(x, axis=None)`: without an axis drops every length-1 axis.
    public func squeezed(_ axis: Int? = nil) throws -> Tensor {
        var dims = shape.dims
        if let axis {
            let a = try Tensor.normalizeAxis(axis, rank: shape.rank)
            guard dims[a] == 1 else { throw ArrayError("ValueError", "cannot select an axis to squeeze out which has size not equal to one") }
            dims.remove(at: a)
        } else {
            dims.removeAll { $0 == 1 }
        }
        return try reshaped(Shape(dims))
    }

    /// `x.transpose(axes)` / `x.T`: a copy with the axes permuted (reversed when nil).
    public func transposed(_ axes: [Int]? = nil) throws -> Tensor {
        let rank = shape.rank
        let perm = try (axes ?? Array((0..<rank).reversed())).map { try Tensor.normalizeAxis($0, rank: rank) }
        guard perm.count == rank else { throw ArrayError("ValueError", "axes don't match array") }
        guard Set(perm).count == rank else { throw ArrayError("ValueError", "repeated axis in transpose") }
        let own = StridedLoop.contiguousStrides(shape.dims)
        let dims = perm.map { shape.dims[$0] }
        return gather(dims: dims, strides: perm.map { own[$0] }, offset: 0, shape: Shape(dims))
    }

    /// `x.flatten()`: a one-axis copy.
    public func flattened() -> Tensor {
        let out = copy()
        return (try? out.reshaped([count])) ?? out
    }
}
