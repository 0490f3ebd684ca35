/// Joining and splitting arrays, as numpy's concatenate, stack and split: the parts promote to
/// one dtype, and shapes that do not fit give numpy's errors.
extension Tensor {
    /// numpy's `concatenate(tensors, axis)`: every part has the same rank and the same length on
    /// every axis but `axis`.
    public static func concatenated(_ parts: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = parts.first else { throw ArrayError("ValueError", "need at least one array to concatenate") }
        let rank = first.shape.rank
        if rank == 0 { throw ArrayError("ValueError", "zero-dimensional arrays cannot be concatenated") }
        let a = try normalizeAxis(axis, rank: rank)
        for (i, p) in parts.enumerated() where i > 0 {
            guard p.shape.rank == rank else {
                throw ArrayError("ValueError", "all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has \(rank) dimension(s) and the array at index \(i) has \(p.shape.rank) dimension(s)")
            }
            for d in 0..<rank where d != a && p.shape.dims[d] != first.shape.dims[d] {
                throw ArrayError("ValueError", "all the input array dimensions except for the concatenation axis must match exactly, but along dimension \(d), the array at index 0 has size \(first.shape.dims[d]) and the array at index \(i) has size \(p.shape.dims[d])")
            }
        }
        let type = parts.dropFirst().reduce(first.dtype) { DType.promoted($0, $1.dtype) }
        var dims = first.shape.dims
        dims[a] = parts.reduce(0) { $0 + $1.shape.dims[a] }
        let out = try Tensor(zeros: Shape(dims), dtype: type)
        let outer = dims[..<a].reduce(1, *), inner = dims[(a + 1)...].reduce(1, *)
        let size = type.byteSize
        var offset = 0   // elements into each output row
        for p in parts {
            let q = p.dtype == type ? p : p.converted(to: type)
            let chunk = q.shape.dims[a] * inner
            for o in 0..<outer {
                (out.storage.raw + (o * dims[a] * inner + offset) * size)
                    .copyMemory(from: q.storage.raw + o * chunk * size, byteCount: chunk * size)
            }
            offset += chunk
        }
        return out
    }

    /// numpy's `stack(tensors, axis)`: parts of one shape joined along a new axis.
    public static func stacked(_ parts: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = parts.first else { throw ArrayError("ValueError", "need at least one array to stack") }
        guard parts.allSatisfy({ $0.shape == first.shape }) else { throw ArrayError("ValueError", "all input arrays must have the same shape") }
        let a = try normalizeAxis(axis, rank: first.shape.rank + 1)
        return try concatenated(parts.map { try $0.expandingDims(a) }, axis: a)
    }

    /// numpy's `split`/`array_split` along `axis` at the given indices (clamped, as numpy's).
    public func split(at indices: [Int], axis: Int = 0) throws -> [Tensor] {
        let a = try Tensor.normalizeAxis(axis, rank: shape.rank)
        let n = shape.dims[a]
        let bounds = [0] + indices.map { Swift.min(Swift.max($0 < 0 ? $0 + n : $0, 0), n) } + [n]
        return try (0..<(bounds.count - 1)).map { i in
            var items = [IndexItem](repeating: .all, count: a)
            items.append(.slice(start: bounds[i], stop: Swift.max(bounds[i], bounds[i + 1]), step: 1))
            return try indexed(items)
        }
    }

    /// numpy's `split(x, sections)`: equal parts, or numpy's error when they cannot be equal
    /// (`array_split` with `allowUneven` gives the first n % sections parts one more).
    public func split(into sections: Int, axis: Int = 0, allowUneven: Bool = false) throws -> [Tensor] {
        guard sections > 0 else { throw ArrayError("ValueError", "number sections must be larger than 0.") }
        let a = try Tensor.normalizeAxis(axis, rank: shape.rank)
        let n = shape.dims[a]
        if !allowUneven && n % sections != 0 { throw ArrayError("ValueError", "array split does not result in an equal division") }
        let each = n / sections, extra = n % sections
        var indices: [Int] = [], at = 0
        for i in 0..<(sections - 1) {
            at += each + (i < extra ? 1 : 0)
            indices.append(at)
        }
        return try split(at: indices, axis: a)
    }
}
