/// numpy's advanced indexing: integer arrays and bool masks on any axes, mixed with ints, slices,
/// `...` and newaxis (`x[:, [0, 2]]`, `x[rows, cols]`, `x[:, mask]`, `x[[0, 1], 2:]`). A mask
/// stands for the integer arrays of its true positions; the integer arrays (and ints among them)
/// broadcast together; their result axes go where the first of them was when they are adjacent,
/// else first, as numpy's rules place them. Reading copies; assignment writes in place.
public enum AdvancedIndexItem {
    case basic(IndexItem)
    case array(Tensor)
}

extension Tensor {
    /// One part of the output's layout: a run of basic axes, or the broadcast advanced block.
    private enum Part { case axis(offsets: [Int]), block(shape: [Int], offsets: [Int]) }

    /// The output shape and the storage offset of every output element, in row-major order.
    private func advancedLayout(_ items: [AdvancedIndexItem]) throws -> (dims: [Int], offsets: [Int]) {
        // Masks become the integer arrays of their true positions.
        var expanded: [AdvancedIndexItem] = []
        var axisBefore: Int? = 0   // the axis the next item indexes, while no `...` came before
        for item in items {
            if case .array(let t) = item, t.dtype == .bool {
                let k = t.shape.rank
                if let first = axisBefore {
                    for (d, m) in t.shape.dims.enumerated() where first + d < shape.rank && shape.dims[first + d] != m {
                        throw ArrayError("IndexError", "boolean index did not match indexed array along axis \(first + d); size of axis is \(shape.dims[first + d]) but size of corresponding boolean axis is \(m)")
                    }
                    axisBefore = first + k
                }
                let positions = (0..<t.count).filter { t.bytes[$0] != 0 }
                let strides = StridedLoop.contiguousStrides(t.shape.dims)
                for axis in 0..<Swift.max(k, 1) {
                    let values = positions.map { k == 0 ? 0 : Int64(($0 / strides[axis]) % t.shape.dims[axis]) }
                    expanded.append(.array(try Tensor(shape: [values.count], int64s: values)))
                }
                if k == 0 { throw ArrayError("IndexError", "a 0-d boolean index is not supported in Fovea; use x[None] or a comparison on an array") }
            } else {
                switch item {
                case .basic(.ellipsis): axisBefore = nil
                case .basic(.newAxis): break
                default: axisBefore = axisBefore.map { $0 + 1 }
                }
                expanded.append(item)
            }
        }
        let consumed = expanded.filter { if case .basic(let b) = $0 { return b != .newAxis && b != .ellipsis }; return true }.count
        if consumed > shape.rank {
            throw ArrayError("IndexError", "too many indices for array: array is \(shape.rank)-dimensional, but \(consumed) were indexed")
        }
        var full: [AdvancedIndexItem] = []
        var sawEllipsis = false
        for item in expanded {
            if case .basic(.ellipsis) = item {
                if sawEllipsis { throw ArrayError("IndexError", "an index can only have a single ellipsis ('...')") }
                sawEllipsis = true
                full += Array(repeating: .basic(.all), count: shape.rank - consumed)
            } else {
                full.append(item)
            }
        }
        if !sawEllipsis { full += Array(repeating: .basic(.all), count: shape.rank - consumed) }

        // The advanced items (arrays, and ints once any array is present) and their broadcast shape.
        func isAdvanced(_ item: AdvancedIndexItem) -> Bool {
            switch item { case .array: return true; case .basic(.index): return true; default: return false }
        }
        let advancedPositions = full.indices.filter { isAdvanced(full[$0]) }
        var blockShape = Shape([])
        for p in advancedPositions { if case .array(let t) = full[p] { blockShape = try Tensor.broadcastShape(blockShape, t.shape) } }
        let adjacent = advancedPositions.isEmpty || advancedPositions.last! - advancedPositions.first! == advancedPositions.count - 1

        let own = StridedLoop.contiguousStrides(shape.dims)
        var blockOffsets = [Int](repeating: 0, count: blockShape.count)
        var parts: [Part] = []
        var axis = 0
        for (position, item) in full.enumerated() {
            switch item {
            case .basic(.newAxis):
                parts.append(.axis(offsets: [0]))
            case .basic(.slice(let start, let stop, let step)):
                let (first, by, n) = try Tensor.sliceIndices(start, stop, step, count: shape.dims[axis])
                parts.append(.axis(offsets: (0..<n).map { (first + $0 * by) * own[axis] }))
                axis += 1
            case .basic(.index(let i)):
                let n = shape.dims[axis]
                let k = i < 0 ? i + n : i
                guard k >= 0 && k < n else { throw ArrayError("IndexError", "index \(i) is out of bounds for axis \(axis) with size \(n)") }
                for j in blockOffsets.indices { blockOffsets[j] += k * own[axis] }
                if position == advancedPositions.first && adjacent { parts.append(.block(shape: blockShape.dims, offsets: [])) }
                axis += 1
            case .array(let t):
                guard t.dtype.isInteger else { throw ArrayError("IndexError", "arrays used as indices must be of integer (or boolean) type") }
                let n = shape.dims[axis]
                let wide = try t.broadcasted(to: blockShape)
                for j in 0..<wide.count {
                    let i = wide.integer(at: j)
                    let k = i < 0 ? Int(i) + n : Int(i)
                    guard k >= 0 && k < n else { throw ArrayError("IndexError", "index \(i) is out of bounds for axis \(axis) with size \(n)") }
                    blockOffsets[j] += k * own[axis]
                }
                if position == advancedPositions.first && adjacent { parts.append(.block(shape: blockShape.dims, offsets: [])) }
                axis += 1
            case .basic(.ellipsis):
                break
            }
        }
        if !adjacent { parts.insert(.block(shape: blockShape.dims, offsets: []), at: 0) }
        var dims: [Int] = []
        var offsets = [0]
        for part in parts {
            let partOffsets: [Int]
            switch part {
            case .axis(let o): partOffsets = o; dims.append(o.count)
            case .block(let s, _): partOffsets = blockOffsets; dims += s
            }
            offsets = offsets.flatMap { base in partOffsets.map { base + $0 } }
        }
        return (dims, offsets)
    }

    /// `x[items]` with at least one array among the items: a new tensor.
    public func indexed(advanced items: [AdvancedIndexItem]) throws -> Tensor {
        let (dims, offsets) = try advancedLayout(items)
        let out = try Tensor(zeros: Shape(dims), dtype: dtype)
        let size = dtype.byteSize
        for (k, offset) in offsets.enumerated() {
            (out.storage.raw + k * size).copyMemory(from: storage.raw + offset * size, byteCount: size)
        }
        return out
    }

    /// `x[items] = value`: `value` (converted to this dtype) broadcast to what the index selects.
    public func assign(advanced items: [AdvancedIndexItem], _ value: Tensor) throws {
        let (dims, offsets) = try advancedLayout(items)
        let v = try (value.dtype == dtype ? value : value.converted(to: dtype))
        var vdims = v.shape.dims
        while vdims.count > dims.count, vdims.first == 1 { vdims.removeFirst() }
        guard let full = try? v.reshaped(Shape(vdims)).broadcasted(to: Shape(dims)) else {
            throw ArrayError("ValueError", "shape mismatch: value array of shape \(ArrayError.compact(value.shape.dims)) could not be broadcast to indexing result of shape \(ArrayError.compact(dims))")
        }
        let size = dtype.byteSize
        for (k, offset) in offsets.enumerated() {
            (storage.raw + offset * size).copyMemory(from: full.storage.raw + k * size, byteCount: size)
        }
    }
}
