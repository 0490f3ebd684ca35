/// numpy's flip, tile and repeat: new tensors (numpy's flip is a view; Fovea's a copy), built by
/// one strided gather each.
extension Tensor {
    /// numpy's `flip(m, axis)`: the elements in reverse order along the given axes (every axis
    /// when nil).
    public func flipped(axes: [Int]? = nil) throws -> Tensor {
        let rank = shape.rank
        let chosen = try (axes ?? Array(0..<rank)).map { try Tensor.normalizeAxis($0, rank: rank) }
        guard Set(chosen).count == chosen.count else { throw ArrayError("ValueError", "repeated axis") }
        let items = (0..<rank).map { chosen.contains($0) ? IndexItem.slice(start: nil, stop: nil, step: -1) : .all }
        return try indexed(items)
    }

    /// numpy's `tile(A, reps)`: the array repeated reps[i] times along each axis (reps padded with
    /// ones in front to the array's rank, or the array with length-1 axes in front to reps').
    public func tiled(_ reps: [Int]) throws -> Tensor {
        if reps.contains(where: { $0 < 0 }) { throw ArrayError("ValueError", "negative dimensions are not allowed") }
        let rank = Swift.max(shape.rank, reps.count)
        let dims = Array(repeating: 1, count: rank - shape.rank) + shape.dims
        let times = Array(repeating: 1, count: rank - reps.count) + reps
        let own = StridedLoop.contiguousStrides(dims)
        // Each axis becomes (repeat, length): the repeat axis steps 0, re-reading the same block.
        var walkDims: [Int] = [], walkStrides: [Int] = []
        for i in 0..<rank {
            walkDims += [times[i], dims[i]]
            walkStrides += [0, own[i]]
        }
        let outDims = (0..<rank).map { dims[$0] * times[$0] }
        _ = try MemoryGuard.checkElements(shape: Shape(outDims), dtype: dtype, what: "the tiled array")
        return gather(dims: walkDims, strides: walkStrides, offset: 0, shape: Shape(outDims))
    }

    /// numpy's `repeat(a, repeats, axis)`: each element (`axis: nil`: of the flattened array) or
    /// each slice along `axis` repeated; `repeats` is one count for all or one per element.
    public func repeated(_ repeats: [Int], axis: Int? = nil) throws -> Tensor {
        let source = axis == nil ? try reshaped([count]) : self
        let a = try Tensor.normalizeAxis(axis ?? 0, rank: Swift.max(source.shape.rank, 1))
        if source.shape.rank == 0 { return try source.reshaped([1]).repeated(repeats, axis: 0) }
        let n = source.shape.dims[a]
        guard repeats.count == 1 || repeats.count == n else {
            throw ArrayError("ValueError", "operands could not be broadcast together with shape \(ArrayError.compact([n])) \(ArrayError.compact([repeats.count]))")
        }
        if repeats.contains(where: { $0 < 0 }) { throw ArrayError("ValueError", "negative dimensions are not allowed") }
        let counts = repeats.count == 1 ? Array(repeating: repeats[0], count: n) : repeats
        var dims = source.shape.dims
        dims[a] = counts.reduce(0, +)
        let out = try Tensor(zeros: Shape(dims), dtype: dtype)
        let outer = dims[..<a].reduce(1, *), inner = dims[(a + 1)...].reduce(1, *)
        let chunk = inner * dtype.byteSize
        var at = 0
        for o in 0..<outer {
            for k in 0..<n {
                let from = source.storage.raw + (o * n + k) * chunk
                for _ in 0..<counts[k] {
                    (out.storage.raw + at * chunk).copyMemory(from: from, byteCount: chunk)
                    at += 1
                }
            }
        }
        return out
    }
}
