/// numpy's indexing: ints, slices (negative bounds and steps), `...` and `None`/newaxis on any
/// axis ("basic indexing"), and on the first axes a boolean mask (`x[y == 3]`) or a list of
/// indices (`x[[0, 5, 7]]`). Reading gives a COPY (numpy gives a view for basic indexing: writing
/// into `x[:5]` afterwards does not change `x` in Fovea); item assignment writes into the tensor.
public enum IndexItem: Sendable, Equatable {
    case index(Int)
    case slice(start: Int?, stop: Int?, step: Int?)
    case newAxis
    case ellipsis

    public static let all = IndexItem.slice(start: nil, stop: nil, step: nil)
}

extension Tensor {
    /// What a basic index selects: a strided window of the storage.
    struct Window { var dims: [Int]; var strides: [Int]; var offset: Int }

    func window(_ items: [IndexItem]) throws -> Window {
        let rank = shape.rank
        let ellipses = items.filter { $0 == .ellipsis }.count
        if ellipses > 1 { throw ArrayError("IndexError", "an index can only have a single ellipsis ('...')") }
        let consumed = items.filter { if case .index = $0 { return true }; if case .slice = $0 { return true }; return false }.count
        if consumed > rank {
            throw ArrayError("IndexError", "too many indices for array: array is \(rank)-dimensional, but \(consumed) were indexed")
        }
        var expanded: [IndexItem] = []
        for item in items {
            if item == .ellipsis { expanded += Array(repeating: .all, count: rank - consumed) } else { expanded.append(item) }
        }
        if ellipses == 0 { expanded += Array(repeating: .all, count: rank - consumed) }
        let own = StridedLoop.contiguousStrides(shape.dims)
        var w = Window(dims: [], strides: [], offset: 0)
        var axis = 0
        for item in expanded {
            switch item {
            case .index(let i):
                let n = shape.dims[axis]
                let k = i < 0 ? i + n : i
                guard k >= 0 && k < n else { throw ArrayError("IndexError", "index \(i) is out of bounds for axis \(axis) with size \(n)") }
                w.offset += k * own[axis]
                axis += 1
            case .slice(let start, let stop, let step):
                let (first, by, n) = try Tensor.sliceIndices(start, stop, step, count: shape.dims[axis])
                w.dims.append(n)
                w.strides.append(by * own[axis])
                w.offset += n > 0 ? first * own[axis] : 0
                axis += 1
            case .newAxis:
                w.dims.append(1)
                w.strides.append(0)
            case .ellipsis:
                break
            }
        }
        return w
    }

    /// Python's `slice.indices`: the first index, the step and how many elements are selected.
    public static func sliceIndices(_ start: Int?, _ stop: Int?, _ step: Int?, count: Int) throws -> (start: Int, step: Int, count: Int) {
        let step = step ?? 1
        if step == 0 { throw ArrayError("ValueError", "slice step cannot be zero") }
        func clamp(_ v: Int) -> Int {
            v < 0 ? Swift.max(v + count, step < 0 ? -1 : 0) : Swift.min(v, step < 0 ? count - 1 : count)
        }
        let lo = start.map(clamp) ?? (step < 0 ? count - 1 : 0)
        let hi = stop.map(clamp) ?? (step < 0 ? -1 : count)
        let n = step > 0 ? (lo < hi ? (hi - lo - 1) / step + 1 : 0) : (hi < lo ? (lo - hi - 1) / (-step) + 1 : 0)
        return (lo, step, n)
    }

    /// `x[items]` with basic indexing: a new tensor (0-d when every axis got an int).
    public func indexed(_ items: [IndexItem]) throws -> Tensor {
        let w = try window(items)
        return gather(dims: w.dims, strides: w.strides, offset: w.offset, shape: Shape(w.dims))
    }

    /// `x[items] = value`: `value` is converted to this tensor's dtype and broadcast to the
    /// selected window, with numpy's error when it cannot be.
    public func assign(_ items: [IndexItem], _ value: Tensor) throws {
        let w = try window(items)
        let v = try (value.dtype == dtype ? value : value.converted(to: dtype)).broadcastable(to: w.dims)
        scatter(dims: w.dims, strides: w.strides, offset: w.offset, source: v.tensor, sourceStrides: v.strides)
    }

    /// `value` in this tensor's dtype, with strides reading it as `dims`.
    private func broadcastable(to dims: [Int]) throws -> (tensor: Tensor, strides: [Int]) {
        // numpy drops leading length-1 axes of the value first (x[0] = [[1, 2, 3]] works).
        var vdims = shape.dims
        while vdims.count > dims.count, vdims.first == 1 { vdims.removeFirst() }
        let fits = vdims.count <= dims.count && zip(vdims.reversed(), dims.reversed()).allSatisfy { $0 == $1 || $0 == 1 }
        guard fits else {
            throw ArrayError("ValueError", "could not broadcast input array from shape \(ArrayError.compact(shape.dims)) into shape \(ArrayError.compact(dims))")
        }
        let t = (try? reshaped(Shape(vdims))) ?? self
        return (t, t.broadcastStrides(to: Shape(dims)))
    }

    /// The rows (along the first `mask.rank` axes, flattened) where a bool mask is true, checking
    /// the mask's shape against this tensor's leading axes as numpy does.
    private func maskedRows(_ mask: Tensor) throws -> (rows: [Int], rest: [Int]) {
        guard mask.dtype == .bool else { throw ArrayError("IndexError", "arrays used as indices must be of integer (or boolean) type") }
        if mask.shape.rank > shape.rank {
            throw ArrayError("IndexError", "too many indices for array: array is \(shape.rank)-dimensional, but \(mask.shape.rank) were indexed")
        }
        for (axis, (m, n)) in zip(mask.shape.dims, shape.dims).enumerated() where m != n {
            throw ArrayError("IndexError", "boolean index did not match indexed array along axis \(axis); size of axis is \(n) but size of corresponding boolean axis is \(m)")
        }
        let flags = mask.bytes
        return ((0..<mask.count).filter { flags[$0] != 0 }, Array(shape.dims[mask.shape.rank...]))
    }

    /// First-axis rows named by integer indices (negative from the end), bounds-checked.
    private func indexRows(_ indices: Tensor) throws -> [Int] {
        guard indices.dtype == .int64 || indices.dtype == .uint8 else {
            throw ArrayError("IndexError", "arrays used as indices must be of integer (or boolean) type")
        }
        guard shape.rank > 0 else { throw ArrayError("IndexError", "too many indices for array: array is 0-dimensional, but 1 were indexed") }
        let n = shape.dims[0]
        let values = indices.converted(to: .int64).int64Array
        return try values.map { i in
            let k = i < 0 ? Int(i) + n : Int(i)
            guard k >= 0 && k < n else { throw ArrayError("IndexError", "index \(i) is out of bounds for axis 0 with size \(n)") }
            return k
        }
    }

    /// `x[mask]` (bool tensor) or `x[indices]` (integer tensor, on the first axis): a new tensor.
    public func selecting(_ index: Tensor) throws -> Tensor {
        let rows: [Int], rest: [Int], lead: [Int]
        if index.dtype == .bool {
            (rows, rest) = try maskedRows(index)
            lead = [rows.count]
        } else {
            rows = try indexRows(index)
            rest = Array(shape.dims.dropFirst())
            lead = index.shape.dims
        }
        let rowSize = rest.reduce(1, *)
        let out = try Tensor(zeros: Shape(lead + rest), dtype: dtype)
        let size = dtype.byteSize * rowSize
        for (k, r) in rows.enumerated() {
            (out.storage.raw + k * size).copyMemory(from: storage.raw + r * size, byteCount: size)
        }
        return out
    }

    /// `x[mask] = value` or `x[indices] = value`: `value` broadcast to the selected rows.
    public func assignSelected(_ index: Tensor, _ value: Tensor) throws {
        let rows: [Int], rest: [Int]
        if index.dtype == .bool { (rows, rest) = try maskedRows(index) } else { (rows, rest) = (try indexRows(index), Array(shape.dims.dropFirst())) }
        let target = [rows.count] + rest
        let v = try value.broadcastable(to: target)
        let full = v.tensor.converted(to: dtype).gather(dims: target, strides: v.strides, offset: 0, shape: Shape(target))
        let size = dtype.byteSize * rest.reduce(1, *)
        for (k, r) in rows.enumerated() {
            (storage.raw + r * size).copyMemory(from: full.storage.raw + k * size, byteCount: size)
        }
    }
}
